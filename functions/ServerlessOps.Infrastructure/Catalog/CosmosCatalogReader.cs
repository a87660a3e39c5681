using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Catalog;

/// <summary>
/// <see cref="ICatalogReader"/> on the <c>catalog</c> container, in two rounds of point reads in the brand's catalog
/// partition: each distinct channel SKU's lookup (with the channel's fee schedule beside them), then each mapped SKU's
/// costs. An order of n distinct SKUs costs 2n + 1 reads of about 1 RU, whatever the size of the catalog, or none when
/// <see cref="CatalogReadCache"/> holds them.
/// </summary>
public sealed class CosmosCatalogReader(CachedCatalogReader catalog) : ICatalogReader
{
    /// <inheritdoc />
    /// <remarks>
    /// A unit cost imported in another currency than the item's (the item's currency changed after) is reported as
    /// unknown (null) rather than mixed with the MAP's currency.
    /// </remarks>
    public async Task<CatalogResolution> ResolveAsync(
        string brandId, SalesChannel channel, IReadOnlyCollection<string> channelSkus, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentNullException.ThrowIfNull(channelSkus);
        var distinct = channelSkus.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).ToList();
        var feesTask = catalog.GetFeesAsync(brandId, channel, cancellationToken);
        var listings = await Task.WhenAll(distinct.Select(async s => (ChannelSku: s, Found: await catalog.GetListingAsync(brandId, channel, s, cancellationToken))));
        var fees = await feesTask;

        var mapped = listings.Where(l => l.Found is not null).Select(l => (l.ChannelSku, Listing: l.Found!)).ToList();
        var costs = (await Task.WhenAll(mapped.Select(m => m.Listing.Sku).Distinct(StringComparer.Ordinal)
                .Select(async sku => (Sku: sku, Costs: await catalog.GetCostsAsync(brandId, sku, cancellationToken)))))
            .ToDictionary(c => c.Sku, c => c.Costs, StringComparer.Ordinal);

        var lines = new Dictionary<string, CatalogLine>(StringComparer.Ordinal);
        foreach (var (channelSku, listing) in mapped)
        {
            var cost = EffectivePeriods.CostAt(costs[listing.Sku], at);
            lines[channelSku] = new CatalogLine(
                listing.Sku,
                listing.Listing.StockLocation,
                listing.Listing.ChannelFulfilled,
                listing.Category,
                listing.Currency,
                listing.MinimumAdvertisedPrice,
                cost is not null && string.Equals(cost.Currency, listing.Currency, StringComparison.Ordinal) ? cost.Amount : null);
        }

        var unmapped = channelSkus.Where(s => !lines.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToList();
        return new CatalogResolution(lines, unmapped, EffectivePeriods.FeesAt(fees, at));
    }
}
