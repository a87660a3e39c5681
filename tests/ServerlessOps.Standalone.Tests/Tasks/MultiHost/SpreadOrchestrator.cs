using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.MultiHost;

/// <summary>
/// Fans out n <see cref="WhoAmIActivity"/> calls of 150 ms; returns their process ids. Its custom status names the
/// process that ran its last episode (test-only: custom status is not replayed, so this decides nothing).
/// </summary>
public sealed class SpreadOrchestrator : TaskOrchestrator<int, List<int>>
{
    public override async Task<List<int>> RunAsync(TaskOrchestrationContext context, int input)
    {
        var processes = await Task.WhenAll(Enumerable.Range(0, input).Select(_ => context.CallActivityAsync<int>(nameof(WhoAmIActivity), 150)));
        context.SetCustomStatus(Environment.ProcessId);
        return [.. processes];
    }
}
