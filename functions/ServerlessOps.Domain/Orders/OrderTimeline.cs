namespace ServerlessOps.Domain.Orders;

/// <summary>
/// When an order reached each state of its lifecycle, as its source reports it (an order history import carries every
/// instant; webhook mappers set none yet). Creation is <see cref="Order.PlacedAt"/>. Informative: the status is derived
/// from lines, refunds and channel facts (<see cref="OrderStatusRules"/>), never from these instants.
/// </summary>
public sealed record OrderTimeline
{
    /// <summary>No instant known.</summary>
    public static OrderTimeline Unknown { get; } = new();

    public DateTimeOffset? PaidAt { get; init; }

    public DateTimeOffset? ShippedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public DateTimeOffset? RefundedAt { get; init; }
}
