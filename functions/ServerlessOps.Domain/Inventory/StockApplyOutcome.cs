namespace ServerlessOps.Domain.Inventory;

/// <summary>What applying a <see cref="StockMovement"/> did.</summary>
public enum StockApplyOutcome
{
    /// <summary>This call applied it.</summary>
    Applied,

    /// <summary>An earlier call (a retry's first attempt, a replay) applied it; nothing changed now.</summary>
    AlreadyApplied,

    /// <summary>A reservation for more than is available: nothing changed; the caller takes the exception path.</summary>
    Insufficient,

    /// <summary>
    /// Units an order shipped without holding them (<see cref="StockMovementKind.ReserveShipped"/>), reserved beyond what
    /// was available: applied, since refusing would not bring them back, but the location's reservations now exceed its
    /// stock, so another order there is short. The order flow's ledger activity answers it, from the balance after; the
    /// ledger itself never does.
    /// </summary>
    ShippedBeyondAvailable,

    /// <summary>
    /// A count (<see cref="StockMovement.CountedAt"/>) the ledger cannot stand on: a newer count of the location was
    /// already applied, or more on-hand movements followed it than <see cref="StockMovementRules.MaxMovementsAfterCount"/>
    /// (too old to place; count again). Nothing changed.
    /// </summary>
    Superseded,
}
