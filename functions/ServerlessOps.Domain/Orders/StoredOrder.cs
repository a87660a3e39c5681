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
    /// When the converger's create first stored the order (its clock), kept by every later write. Null on orders stored
    /// before 2026-12-07 and on copies the partition migration made of them: their first store is unknown. Tells an
    /// order placed long ago but stored only lately, whose flow cannot be older than its first store, from one whose flow
    /// may have ended and been purged long ago (<c>PurgedOrderFlows</c>).
    /// </summary>
    public DateTimeOffset? FirstStoredAt { get; init; }

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
        // Known only when both copies know it: a copy without it may be the old document of an order stored long ago.
        var firstStoredAt = kept.FirstStoredAt is { } a && other.FirstStoredAt is { } b ? (a < b ? a : b) : (DateTimeOffset?)null;
        return new StoredOrder(order, deliveries, writtenAt) { FirstStoredAt = firstStoredAt };
    }
}
