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

    /// <summary>
    /// When the buyer placed the order, as the starter read it: the store files orders by month of placement, so with it
    /// the flow's first read is one point read instead of the locator's two. Null for flows started before it existed
    /// (the read then goes through the locator); later reads use the placement the flow has read itself.
    /// </summary>
    public DateTimeOffset? PlacedAt { get; init; }

    /// <summary>The state of the previous execution; null on the first.</summary>
    public OrderFlowState? State { get; init; }
}
