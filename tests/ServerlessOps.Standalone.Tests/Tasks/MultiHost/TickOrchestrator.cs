using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.MultiHost;

/// <summary>
/// An eternal orchestration: a one-second durable timer, one <see cref="WhoAmIActivity"/>, then continue-as-new with
/// the next generation, published as its custom status. It never reads the clock after the timer (on Azure Storage a
/// timer may fire up to a second early).
/// </summary>
public sealed class TickOrchestrator : TaskOrchestrator<TickState, TickState>
{
    public override async Task<TickState> RunAsync(TaskOrchestrationContext context, TickState input)
    {
        // A new execution starts without custom status: publish the state carried over until the next one.
        context.SetCustomStatus(input);
        await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
        var next = new TickState(input.Generation + 1, await context.CallActivityAsync<int>(nameof(WhoAmIActivity), 0));
        context.SetCustomStatus(next);
        context.ContinueAsNew(next);
        return next;
    }
}
