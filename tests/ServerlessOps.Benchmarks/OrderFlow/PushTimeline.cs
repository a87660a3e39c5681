using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// The pushes the stub marketplace accepted, per channel and SKU in arrival order. The push that reflects a reservation
/// is the listing's first push to arrive after the reservation was applied: a push reads the balance before it sends,
/// so one that read just before the reservation and arrived just after is counted as reflecting it (it errs short by at
/// most one push's read-to-arrival time, milliseconds on loopback).
/// </summary>
internal sealed class PushTimeline
{
    private readonly Dictionary<(SalesChannel Channel, string Sku), DateTimeOffset[]> _pushes;

    private PushTimeline(Dictionary<(SalesChannel, string), DateTimeOffset[]> pushes, int total)
    {
        _pushes = pushes;
        Total = total;
    }

    /// <summary>Pushes accepted on all channels since the stack started (warm-up included).</summary>
    public int Total { get; }

    public static PushTimeline Read(Marketplace marketplace)
    {
        var accounts = ScenarioAccounts.Default;
        var skuByKey = new Dictionary<(SalesChannel, string), string>();
        foreach (var product in ScenarioProduct.Catalog)
        {
            foreach (var channel in Enum.GetValues<SalesChannel>())
            {
                skuByKey[(channel, Marketplace.PushKey(ListingOf(product, channel), accounts.AccountId(channel)))] = product.Sku;
            }
        }

        var pushes = Enum.GetValues<SalesChannel>().SelectMany(marketplace.InventoryPushes).ToList();
        var timeline = pushes
            .Where(p => skuByKey.ContainsKey((p.Channel, p.ListingKey)))
            .GroupBy(p => (p.Channel, skuByKey[(p.Channel, p.ListingKey)]))
            .ToDictionary(g => g.Key, g => g.Select(p => p.At).Order().ToArray());
        return new PushTimeline(timeline, pushes.Count);
    }

    /// <summary>The first push of the SKU's listing on <paramref name="channel"/> arriving at or after <paramref name="after"/>.</summary>
    public DateTimeOffset? FirstAfter(SalesChannel channel, string sku, DateTimeOffset after)
    {
        if (!_pushes.TryGetValue((channel, sku), out var times))
        {
            return null;
        }

        var index = Array.BinarySearch(times, after);
        index = index < 0 ? ~index : index;
        return index < times.Length ? times[index] : null;
    }

    /// <summary>Pushes accepted in [from, to), all channels.</summary>
    public int Between(DateTimeOffset from, DateTimeOffset to) => _pushes.Values.Sum(times => times.Count(t => t >= from && t < to));

    /// <summary>The listing as <see cref="StockImport"/> imported it (the quick start's catalog), for the stub's key.</summary>
    private static ChannelListing ListingOf(ScenarioProduct product, SalesChannel channel) => channel switch
    {
        SalesChannel.Shopify => new ChannelListing(channel, product.Sku, StockImport.Location, InventoryItemId: product.ShopifyInventoryItemId.ToString(System.Globalization.CultureInfo.InvariantCulture), LocationId: StockImport.ShopifyLocationId),
        SalesChannel.Amazon => new ChannelListing(channel, product.Sku, StockImport.Location, MarketplaceId: StockImport.AmazonMarketplaceId),
        SalesChannel.Walmart => new ChannelListing(channel, product.Sku, StockImport.Location, ShipNode: StockImport.WalmartShipNode),
        _ => new ChannelListing(channel, product.Sku, StockImport.Location, ProductId: product.TikTokProductId, SkuId: product.TikTokSkuId, WarehouseId: StockImport.TikTokWarehouseId),
    };
}
