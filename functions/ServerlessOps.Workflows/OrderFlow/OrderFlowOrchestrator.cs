using Microsoft.DurableTask;

namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>
/// One order's flow, from its first write to the truth until delivery plus the brand's return window, or full
/// cancellation (Workflows/OrderFlow/README.md has the states, events and steps). It validates the order's lines
/// against the catalog, reserves every open line at its stock location, checks prices against the guardrail once,
/// then waits: for <see cref="OrderFlowIds.OrderChangedEvent"/> (it then reads the order again and moves stock by what
/// changed in the truth, never by what the event said), for <see cref="OrderFlowIds.RetryEvent"/> (the retry route), or
/// for its next deadline (ship-by, escalation, end of the return window). Retries exhausted, a short reservation or an
/// unmapped SKU release what it held, record an exception with its owner and wait for the retry route. After
/// <see cref="OrderFlowInput.WakesPerExecution"/> wakes it continues as new with its state, so its history stays short.
/// </summary>
public sealed class OrderFlowOrchestrator : TaskOrchestrator<OrderFlowInput, OrderFlowResult>
{
    public override Task<OrderFlowResult> RunAsync(TaskOrchestrationContext context, OrderFlowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new OrderFlowExecution(context, input).RunAsync();
    }
}
