using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Catalog;

/// <summary>
/// The catalog reads of the order path (order validation, the pricing check, marking and pushing listings) through
/// <see cref="CatalogReadCache"/>: about 6 of an order's 39 Cosmos requests before it (order-flow benchmark README).
/// Writers and anything that needs a document's ETag read <see cref="CatalogStore"/> itself.
/// </summary>
public sealed class CachedCatalogReader(CatalogStore store, CatalogReadCache cache)
{
    public Task<CatalogItem?> GetItemAsync(string brandId, string sku, CancellationToken cancellationToken = default) =>
        cache.ReadThroughAsync(
            CatalogDocuments.CatalogPartition(brandId), CatalogDocuments.ItemId(sku), ct => store.GetItemAsync(brandId, sku, ct), cancellationToken);

    /// <summary>
    /// The item read from Cosmos, not from what this instance keeps, and kept from then on: for a reader that learnt the
    /// kept version is older than an import (<see cref="Push.ListingPushDocument.CatalogListing"/>).
    /// </summary>
    public Task<CatalogItem?> GetItemAfreshAsync(string brandId, string sku, CancellationToken cancellationToken = default)
    {
        cache.Forget(CatalogDocuments.CatalogPartition(brandId), CatalogDocuments.ItemId(sku));
        return GetItemAsync(brandId, sku, cancellationToken);
    }

    /// <summary>The lookup of a channel SKU; null when the channel SKU is not mapped.</summary>
    public Task<CatalogListingDocument?> GetListingAsync(string brandId, SalesChannel channel, string channelSku, CancellationToken cancellationToken = default) =>
        cache.ReadThroughAsync(
            CatalogDocuments.CatalogPartition(brandId),
            CatalogDocuments.ListingId(channel, channelSku),
            async ct => (await store.GetListingAsync(brandId, channel, channelSku, ct))?.Document,
            cancellationToken);

    /// <summary>Every unit cost of the SKU, oldest first (empty when none was imported).</summary>
    public async Task<IReadOnlyList<UnitCost>> GetCostsAsync(string brandId, string sku, CancellationToken cancellationToken = default) =>
        await cache.ReadThroughAsync(
            CatalogDocuments.CatalogPartition(brandId), CatalogDocuments.CostsId(sku), async ct => await store.GetCostsAsync(brandId, sku, ct), cancellationToken) ?? [];

    /// <summary>Every fee rule of the channel (empty when none was imported).</summary>
    public async Task<IReadOnlyList<FeeRule>> GetFeesAsync(string brandId, SalesChannel channel, CancellationToken cancellationToken = default) =>
        await cache.ReadThroughAsync(
            CatalogDocuments.CatalogPartition(brandId), CatalogDocuments.FeesId(channel), async ct => await store.GetFeesAsync(brandId, channel, ct), cancellationToken) ?? [];
}
