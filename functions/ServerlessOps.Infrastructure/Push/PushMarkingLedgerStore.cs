using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// The inventory ledger with pushes: every movement is applied by the ledger it wraps, and one that changed (or had
/// already changed, a retry) a balance marks the SKU's listings at that location dirty (<see cref="ListingDirtyMarker"/>).
/// Marking after <see cref="StockApplyOutcome.AlreadyApplied"/> too means a caller that retries after a failed mark
/// (the exception reaches it; the movement stands) gets its listings marked. A refused reservation changes nothing.
/// </summary>
public sealed class PushMarkingLedgerStore(IInventoryLedgerStore inner, ListingDirtyMarker marker) : IInventoryLedgerStore
{
    /// <summary>The ledger this one decorates (reads for the push worker go straight to it).</summary>
    public IInventoryLedgerStore Inner => inner;

    public async Task<StockApplyResult> ApplyAsync(StockMovement movement, CancellationToken cancellationToken)
    {
        var result = await inner.ApplyAsync(movement, cancellationToken);
        if (result.Outcome is StockApplyOutcome.Applied or StockApplyOutcome.AlreadyApplied)
        {
            await marker.MarkAsync(movement.BrandId, movement.Sku, movement.Location, cancellationToken);
        }

        return result;
    }

    public Task<StockMovement?> FindMovementAsync(string brandId, string sku, string entryId, CancellationToken cancellationToken) =>
        inner.FindMovementAsync(brandId, sku, entryId, cancellationToken);

    public Task<StockBalance> GetBalanceAsync(string brandId, string sku, string location, CancellationToken cancellationToken) =>
        inner.GetBalanceAsync(brandId, sku, location, cancellationToken);

    public Task<StockPosition> GetPositionAsync(string brandId, string sku, string location, CancellationToken cancellationToken) =>
        inner.GetPositionAsync(brandId, sku, location, cancellationToken);

    public Task<IReadOnlyList<StockLedgerEntry>> ListEntriesAsync(string brandId, string sku, int limit, CancellationToken cancellationToken) =>
        inner.ListEntriesAsync(brandId, sku, limit, cancellationToken);

    public Task<IReadOnlyList<StockLedgerEntry>> ListEntriesAppliedAfterAsync(string brandId, string sku, DateTimeOffset after, int limit, CancellationToken cancellationToken) =>
        inner.ListEntriesAppliedAfterAsync(brandId, sku, after, limit, cancellationToken);
}
