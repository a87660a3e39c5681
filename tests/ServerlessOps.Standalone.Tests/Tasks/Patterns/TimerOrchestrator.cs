using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>
/// Waits on a durable timer for the given seconds and returns how much orchestration time passed. It assumes nothing
/// about the clock after the timer: on Azure Storage a timer may fire up to a second before its due time.
/// </summary>
public sealed class TimerOrchestrator : TaskOrchestrator<int, double>
{
    public override async Task<double> RunAsync(TaskOrchestrationContext context, int input)
    {
        var start = context.CurrentUtcDateTime;
        await context.CreateTimer(start.AddSeconds(input), CancellationToken.None);
        return (context.CurrentUtcDateTime - start).TotalSeconds;
    }
}
