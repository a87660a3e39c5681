using Microsoft.DurableTask;
using ServerlessOps.Standalone.Tests.Tasks.Patterns;

namespace ServerlessOps.Standalone.Tests.Tasks.Faults;

/// <summary>
/// The shape of a long-lived flow: says "started" in its custom status, runs one activity, says "doubled:{result}",
/// then waits for a "Finish" event (so it stays Running) and returns the result.
/// </summary>
public sealed class StatusThenWaitOrchestrator : TaskOrchestrator<int, int>
{
    public const string FinishEvent = "Finish";

    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        context.SetCustomStatus("started");
        var doubled = await context.CallActivityAsync<int>(nameof(DoubleActivity), input);
        context.SetCustomStatus("doubled:" + doubled);
        await context.WaitForExternalEvent<string>(FinishEvent);
        return doubled;
    }
}
