using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Management;

/// <summary>Leaves work in flight: a gated activity with a large result and a durable timer of the given seconds.</summary>
public sealed class InFlightWorkOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var activity = context.CallActivityAsync<string>(nameof(LargeResultGateActivity), context.InstanceId);
        var timer = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input), CancellationToken.None);
        await Task.WhenAll(activity, timer);
        return activity.Result.Length;
    }
}
