using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Events;

/// <summary>
/// Waits for an "Approve" event or a durable timer of the given seconds, whichever comes first: "approved:{value}" or
/// "timed out". Announces through its custom status that it is waiting; cancels the timer when the event wins.
/// </summary>
public sealed class ApprovalOrchestrator : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        context.SetCustomStatus("waiting");
        using var timeout = new CancellationTokenSource();
        var timer = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input), timeout.Token);
        var approval = context.WaitForExternalEvent<string>("Approve");
        if (await Task.WhenAny(timer, approval) == approval)
        {
            // Synchronous on purpose: CancelAsync would resume this code off the orchestration's own scheduler.
            timeout.Cancel();
            return "approved:" + approval.Result;
        }

        return "timed out";
    }
}
