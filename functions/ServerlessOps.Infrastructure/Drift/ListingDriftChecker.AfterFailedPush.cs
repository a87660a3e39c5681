using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Drift;

public sealed partial class ListingDriftChecker
{
    /// <summary>
    /// Reads one listing back now, whatever its read interval (the propagation delay still holds): what a failed push
    /// left on the storefront is recorded as <c>read-after-failed-push</c> with the push's error. Null when the listing is
    /// not (or no longer) a merchant-fulfilled listing of the catalog.
    /// </summary>
    public async Task<DriftListingResult?> CheckListingAsync(string brandId, string sku, SalesChannel channel, string channelSku, CancellationToken cancellationToken = default)
    {
        var item = await catalog.GetItemAsync(brandId, sku, cancellationToken);
        var listing = item?.Listings.FirstOrDefault(l => l.Channel == channel && !l.ChannelFulfilled && string.Equals(l.ChannelSku, channelSku, StringComparison.Ordinal));
        if (item is null || listing is null)
        {
            return null;
        }

        var (result, _) = await CheckListingAsync(item, listing, force: true, new DriftTruthReads(ledger, calculator), cancellationToken);
        return result;
    }
}
