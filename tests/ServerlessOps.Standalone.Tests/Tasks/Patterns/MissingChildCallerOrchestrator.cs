using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Calls a sub-orchestration no host registers and reports the failure it gets.</summary>
public sealed class MissingChildCallerOrchestrator : TaskOrchestrator<string, FailureReport>
{
    public override async Task<FailureReport> RunAsync(TaskOrchestrationContext context, string input)
    {
        try
        {
            await context.CallSubOrchestratorAsync<string>("NoSuchChild", input);
            return new FailureReport("none", "the child unexpectedly ran", false);
        }
        catch (TaskFailedException e)
        {
            return new FailureReport(e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage, e.FailureDetails.IsCausedBy<InvalidOperationException>());
        }
    }
}
