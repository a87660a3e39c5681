using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Calls <see cref="FlakyActivity"/> with three attempts; reports the failure the retry policy gives up with.</summary>
public sealed class RetryingOrchestrator : TaskOrchestrator<string, FailureReport>
{
    public override async Task<FailureReport> RunAsync(TaskOrchestrationContext context, string input)
    {
        var policy = new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromMilliseconds(200));
        try
        {
            await context.CallActivityAsync<string>(nameof(FlakyActivity), input, TaskOptions.FromRetryPolicy(policy));
            return new FailureReport("none", "the activity unexpectedly succeeded", false);
        }
        catch (TaskFailedException e)
        {
            return new FailureReport(e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage, e.FailureDetails.IsCausedBy<InvalidOperationException>());
        }
    }
}
