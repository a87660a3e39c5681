using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Calls <see cref="MisconfiguredActivity"/> and reports the failure it gets.</summary>
public sealed class MisconfiguredCallerOrchestrator : TaskOrchestrator<string, FailureReport>
{
    public override async Task<FailureReport> RunAsync(TaskOrchestrationContext context, string input)
    {
        try
        {
            await context.CallActivityAsync<string>(nameof(MisconfiguredActivity), input);
            return new FailureReport("none", "the activity unexpectedly ran", false);
        }
        catch (TaskFailedException e)
        {
            return new FailureReport(e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage, e.FailureDetails.IsCausedBy<InvalidOperationException>());
        }
    }
}
