using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.MultiHost;

/// <summary>
/// Fans out n <see cref="WhoAmIActivity"/> calls of 150 ms; returns their process ids and the process that ran its
/// last episode.
/// </summary>
/// <remarks>
/// The last episode's process goes in the output, not the custom status: the output is part of the history, while
/// the custom status lives only in the instance row, and the engine rewrites that row with a "null" custom status
/// when a late message finds the history completed before the row says so (DurableTask.AzureStorage,
/// <c>UpdateInstanceStatusForCompletedOrchestrationAsync</c>), which two hosts sharing partitions do now and then.
/// Reading the process here decides nothing, so replay cannot diverge.
/// </remarks>
public sealed class SpreadOrchestrator : TaskOrchestrator<int, SpreadResult>
{
    public override async Task<SpreadResult> RunAsync(TaskOrchestrationContext context, int input)
    {
        var activities = await Task.WhenAll(Enumerable.Range(0, input).Select(_ => context.CallActivityAsync<int>(nameof(WhoAmIActivity), 150)));
        return new SpreadResult([.. activities], Environment.ProcessId);
    }
}
