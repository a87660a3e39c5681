using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Starts <see cref="DoubleActivity"/> for 1..n at once and sums the results once all have arrived.</summary>
public sealed class FanOutFanInOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var results = await Task.WhenAll(Enumerable.Range(1, input).Select(i => context.CallActivityAsync<int>(nameof(DoubleActivity), i)));
        return results.Sum();
    }
}
