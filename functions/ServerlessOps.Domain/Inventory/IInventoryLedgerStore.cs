namespace ServerlessOps.Domain.Inventory;

/// <summary>
/// The inventory ledger: balances per brand, SKU and location, and every movement as an entry with its cause.
/// Applying is idempotent per <see cref="StockMovement.EntryId"/> and safe when callers race on one balance
/// (optimistic concurrency): a reservation never takes a balance's available units below zero.
/// </summary>
public interface IInventoryLedgerStore
{
    /// <summary>Applies <paramref name="movement"/> once, however often it is called.</summary>
    Task<StockApplyResult> ApplyAsync(StockMovement movement, CancellationToken cancellationToken);

    /// <summary>
    /// The movement recorded under <paramref name="entryId"/> (<see cref="StockMovement.EntryId"/>) for the SKU, pending,
    /// applied or refused; null when none. One point read: what <see cref="ApplyAsync"/> compares a movement of that
    /// cause with, so a caller can refuse a conflicting one (<see cref="StockMovementConflictException"/>) before it
    /// writes anything.
    /// </summary>
    Task<StockMovement?> FindMovementAsync(string brandId, string sku, string entryId, CancellationToken cancellationToken);

    /// <summary>The balance of <paramref name="sku"/> at <paramref name="location"/>; zeros when none was ever recorded.</summary>
    Task<StockBalance> GetBalanceAsync(string brandId, string sku, string location, CancellationToken cancellationToken);

    /// <summary>
    /// The balance with the reservations recently taken from it (<see cref="Availability.ReservationRollup"/>), in the one
    /// read <see cref="GetBalanceAsync"/> makes: a sales velocity without reading the ledger's entries.
    /// </summary>
    Task<StockPosition> GetPositionAsync(string brandId, string sku, string location, CancellationToken cancellationToken);

    /// <summary>The movements applied to one SKU (all its locations), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StockLedgerEntry>> ListEntriesAsync(string brandId, string sku, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The movements applied to one SKU after <paramref name="after"/>, newest first, at most <paramref name="limit"/>:
    /// what a sales velocity over a recent window needs, read in proportion to the window's sales, not the SKU's history.
    /// </summary>
    Task<IReadOnlyList<StockLedgerEntry>> ListEntriesAppliedAfterAsync(string brandId, string sku, DateTimeOffset after, int limit, CancellationToken cancellationToken);
}
