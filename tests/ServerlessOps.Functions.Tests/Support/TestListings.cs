using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>
/// The seller-fulfilled listing of a test SKU on one channel, at the main location, with the ids that channel's push
/// needs and the stub marketplace keys it by (<c>Marketplace.PushKey</c>): Shopify inventory item <c>ii-{sku}</c> at
/// location 7701, Amazon US, Walmart ship node SN-1, TikTok product <c>P-{sku}</c>/SKU <c>S-{sku}</c> in warehouse W-1.
/// </summary>
internal static class TestListings
{
    public static ChannelListing For(string sku, SalesChannel channel) => channel switch
    {
        SalesChannel.Shopify => new ChannelListing(channel, $"{sku}-S", StockLocations.Main, InventoryItemId: $"ii-{sku}", LocationId: "gid://shopify/Location/7701"),
        SalesChannel.Amazon => new ChannelListing(channel, $"{sku}-A", StockLocations.Main, MarketplaceId: "ATVPDKIKX0DER"),
        SalesChannel.Walmart => new ChannelListing(channel, $"{sku}-W", StockLocations.Main, ShipNode: "SN-1"),
        _ => new ChannelListing(channel, $"{sku}-T", StockLocations.Main, ProductId: $"P-{sku}", SkuId: $"S-{sku}", WarehouseId: "W-1"),
    };
}
