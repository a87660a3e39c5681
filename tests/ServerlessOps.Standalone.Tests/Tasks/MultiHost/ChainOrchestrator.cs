using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.MultiHost;

/// <summary>
/// Runs <see cref="WhoAmIActivity"/> step after step, publishing the number of finished steps as its custom status;
/// returns the process id of each step, in order.
/// </summary>
public sealed class ChainOrchestrator : TaskOrchestrator<ChainRequest, List<int>>
{
    public override async Task<List<int>> RunAsync(TaskOrchestrationContext context, ChainRequest input)
    {
        var processes = new List<int>();
        for (var step = 0; step < input.Steps; step++)
        {
            processes.Add(await context.CallActivityAsync<int>(nameof(WhoAmIActivity), input.StepMilliseconds));
            context.SetCustomStatus(processes.Count);
        }

        return processes;
    }
}
