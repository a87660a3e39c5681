using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Calls <see cref="UnserializableOutputActivity"/> and reports the failure it gets.</summary>
public sealed class UnserializableActivityCallerOrchestrator : TaskOrchestrator<string, FailureReport>
{
    public override async Task<FailureReport> RunAsync(TaskOrchestrationContext context, string input)
    {
        try
        {
            await context.CallActivityAsync<CyclicValue>(nameof(UnserializableOutputActivity), input);
            return new FailureReport("none", "the activity unexpectedly succeeded", false);
        }
        catch (TaskFailedException e)
        {
            return new FailureReport(e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage, false);
        }
    }
}
