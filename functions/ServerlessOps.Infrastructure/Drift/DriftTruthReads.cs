using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Inventory.Availability;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Drift;

/// <summary>
/// The balances one drift run reads to compare clean listings with the truth, through the push worker's own
/// <see cref="ListingQuantityCalculator"/>: one point read per SKU and location (in the SKU's partition, never a query
/// across partitions), shared by that SKU's listings there for the rest of the run. A shared read can be older than the
/// push state it is compared with, so an answer that comes from one says so (<c>Shared</c>): the caller reads afresh
/// before acting on a difference. Not thread-safe: one per run.
/// </summary>
internal sealed class DriftTruthReads(IInventoryLedgerStore ledger, ListingQuantityCalculator calculator)
{
    private readonly Dictionary<(string BrandId, string Sku, string Location), (StockPosition Position, IReadOnlyList<StockLedgerEntry> Entries)> _reads = [];

    /// <summary>
    /// The quantity <paramref name="listing"/> should show now, with <paramref name="state"/>'s measured latency in its
    /// buffer. <paramref name="fresh"/> reads the balance again even when this run has read it (and keeps the new read).
    /// </summary>
    public async Task<(ListingQuantity Quantity, bool Shared)> QuantityAsync(
        string brandId, string sku, ChannelListing listing, ListingPushDocument state, bool fresh, CancellationToken cancellationToken)
    {
        var key = (brandId, sku, listing.StockLocation);
        var shared = !fresh && _reads.ContainsKey(key);
        if (!shared)
        {
            var position = await ledger.GetPositionAsync(brandId, sku, listing.StockLocation, cancellationToken);
            _reads[key] = (position, await calculator.EntriesFor(ledger, position, cancellationToken));
        }

        var (read, entries) = _reads[key];
        return (calculator.Compute(brandId, listing, read, entries, state), shared);
    }
}
