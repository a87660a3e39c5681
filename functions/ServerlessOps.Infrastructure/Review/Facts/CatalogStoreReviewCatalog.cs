using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Catalog;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary><see cref="IReviewCatalog"/> on the catalog container: the same point reads the order flow's resolution makes.</summary>
public sealed class CatalogStoreReviewCatalog(CatalogStore store) : IReviewCatalog
{
    public async Task<ReviewListing?> GetListingAsync(string brandId, SalesChannel channel, string channelSku, CancellationToken cancellationToken)
    {
        var found = await store.GetListingAsync(brandId, channel, channelSku, cancellationToken);
        return found is { Document: var d }
            ? new ReviewListing(d.Sku, d.Category, d.Currency, d.MinimumAdvertisedPrice, d.Listing.ChannelFulfilled)
            : null;
    }

    public Task<IReadOnlyList<UnitCost>> GetCostsAsync(string brandId, string sku, CancellationToken cancellationToken) =>
        store.GetCostsAsync(brandId, sku, cancellationToken);

    public Task<FeeScheduleHistory> GetFeeScheduleAsync(string brandId, SalesChannel channel, CancellationToken cancellationToken) =>
        store.GetFeeHistoryAsync(brandId, channel, cancellationToken);
}
