using ServerlessOps.Domain.Ingestion;

namespace ServerlessOps.Domain.Orders;

/// <summary>
/// An order as the source of truth holds it: the canonical snapshot plus the deliveries that produced or
/// confirmed it (newest first, capped so a chatty order cannot grow its document without bound).
/// </summary>
public sealed record StoredOrder(Order Order, IReadOnlyList<DeliveryReference> Deliveries, DateTimeOffset WrittenAt)
{
    /// <summary>How many delivery references an order document keeps; older ones remain in the event log.</summary>
    public const int MaxDeliveryReferences = 50;

    /// <summary>
    /// Two stored copies of one order made one (the partition migration meeting a copy written meanwhile): the snapshot
    /// <see cref="OrderConvergence"/> prefers, every fact either holds, the placement time of <paramref name="kept"/>
    /// and the deliveries of both, newest first, capped. Commutative in its result but for the placement time.
    /// </summary>
    public static StoredOrder Combine(StoredOrder kept, StoredOrder other, DateTimeOffset writtenAt)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(other);
        var decision = OrderConvergence.Decide(kept.Order, other.Order);
        var (order, _) = decision == ConvergenceDecision.Replace
            ? OrderFacts.Merge(other.Order with { PlacedAt = kept.Order.PlacedAt }, kept.Order)
            : OrderFacts.Merge(kept.Order, other.Order);
        var deliveries = kept.Deliveries.Concat(other.Deliveries)
            .GroupBy(d => d.DeliveryKey, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderByDescending(d => d.ReceivedAt)
            .Take(MaxDeliveryReferences)
            .ToList();
        return new StoredOrder(order, deliveries, writtenAt);
    }
}
