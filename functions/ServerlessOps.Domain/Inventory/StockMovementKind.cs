namespace ServerlessOps.Domain.Inventory;

/// <summary>Why stock moved. Each kind changes a balance's on-hand and reserved units in one fixed way.</summary>
public enum StockMovementKind
{
    /// <summary>An order holds units: reserved + q. Refused (never below zero available) when fewer are available.</summary>
    Reserve,

    /// <summary>Held units are let go (cancellation, compensation): reserved − q.</summary>
    Release,

    /// <summary>Held units shipped: on hand − q and reserved − q.</summary>
    Commit,

    /// <summary>Units arrived (purchase order, transfer in): on hand + q.</summary>
    Receipt,

    /// <summary>A stock count: on hand becomes q (the entry records the difference it applied).</summary>
    Count,

    /// <summary>A returned unit put back into sellable stock: on hand + q.</summary>
    Return,

    /// <summary>A correction with a reason (damage, loss, found): on hand + q, q may be negative.</summary>
    Adjustment,

    /// <summary>
    /// Units an order shipped without holding them (first seen already shipped, or shipped after its reservation was
    /// refused or released): reserved + q, never refused, because the units are gone whatever is available. The
    /// <see cref="Commit"/> that follows takes them off on hand and reserved, so reserved loses only what the order held
    /// and no other order's reservation. Counted as demand, like a <see cref="Reserve"/>.
    /// </summary>
    ReserveShipped,
}
