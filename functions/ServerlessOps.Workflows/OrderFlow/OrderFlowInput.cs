using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>What an order flow starts with: the order's key and the flow's settings, plus its state when it continues as new.</summary>
/// <param name="BrandId">The brand.</param>
/// <param name="Channel">The order's channel.</param>
/// <param name="ExternalOrderId">The channel's order id.</param>
public sealed record OrderFlowInput(string BrandId, SalesChannel Channel, string ExternalOrderId)
{
    /// <summary>How long after a missed ship-by the miss escalates (OrderFlow:EscalateAfter).</summary>
    public TimeSpan EscalateAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Wakes handled before the flow continues as new to keep its history short (OrderFlow:WakesPerExecution).</summary>
    public int WakesPerExecution { get; init; } = 20;

    /// <summary>The state of the previous execution; null on the first.</summary>
    public OrderFlowState? State { get; init; }
}
