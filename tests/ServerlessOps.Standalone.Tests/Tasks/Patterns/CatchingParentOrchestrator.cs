using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Calls <see cref="FailingChildOrchestrator"/> and reports the <see cref="TaskFailedException"/> it gets.</summary>
public sealed class CatchingParentOrchestrator : TaskOrchestrator<string, FailureReport>
{
    public override async Task<FailureReport> RunAsync(TaskOrchestrationContext context, string input)
    {
        try
        {
            await context.CallSubOrchestratorAsync<string>(nameof(FailingChildOrchestrator), input);
            return new FailureReport("none", "the child unexpectedly succeeded", false);
        }
        catch (TaskFailedException e)
        {
            return new FailureReport(e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage, e.FailureDetails.IsCausedBy<InvalidOperationException>());
        }
    }
}
