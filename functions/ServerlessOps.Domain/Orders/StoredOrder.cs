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
}
