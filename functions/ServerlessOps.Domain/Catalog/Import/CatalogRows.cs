using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>
/// The catalog file: one row per item, with at most one listing per channel in the channel's column group
/// (<c>shopify…</c>, <c>amazon…</c>, <c>walmart…</c>, <c>tiktok…</c>). A channel's listing exists when any of its
/// columns has a value; its channel SKU defaults to the item's SKU, its stock location to <see cref="StockLocations.Main"/>
/// (an Amazon FBA listing's to <see cref="StockLocations.AmazonFulfilment"/>). An item with two listings on one channel
/// (FBA and merchant-fulfilled seller SKUs) takes two rows with the same SKU and item columns: their listings add up.
/// </summary>
public static class CatalogRows
{
    public static IReadOnlyList<string> Fields { get; } =
    [
        "sku", "title", "category", "status", "currency", "listPrice", "map",
        "shopifySku", "shopifyInventoryItemId", "shopifyLocationId", "shopifyStockLocation",
        "amazonSellerSku", "amazonMarketplaceId", "amazonFba", "amazonStockLocation",
        "walmartSku", "walmartShipNode", "walmartStockLocation",
        "tiktokSellerSku", "tiktokProductId", "tiktokSkuId", "tiktokWarehouseId", "tiktokStockLocation",
    ];

    /// <summary>Items of the file, merged by SKU (first line kept); every row error and cross-row conflict.</summary>
    public static ImportParse<CatalogItem> Parse(string brandId, IReadOnlyList<ImportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new List<ImportError>();
        var items = new Dictionary<string, ImportLine<CatalogItem>>(StringComparer.Ordinal);
        var listingOwners = new Dictionary<(SalesChannel, string), (string Sku, int Line)>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var item = ParseRow(brandId, row, errors);
            if (item is null || errors.Count > before)
            {
                continue;
            }

            foreach (var listing in item.Listings)
            {
                if (listingOwners.TryGetValue((listing.Channel, listing.ChannelSku), out var owner) && (owner.Sku != item.Sku || owner.Line != row.Line))
                {
                    errors.Add(row.Error(ChannelSkuField(listing.Channel),
                        $"{listing.Channel} SKU '{listing.ChannelSku}' is already listed on line {owner.Line} (SKU '{owner.Sku}'); a channel SKU maps to one listing."));
                    continue;
                }

                listingOwners[(listing.Channel, listing.ChannelSku)] = (item.Sku, row.Line);
            }

            if (!items.TryGetValue(item.Sku, out var first))
            {
                items[item.Sku] = new ImportLine<CatalogItem>(row.Line, item);
                continue;
            }

            if (first.Value with { Listings = [] } != item with { Listings = [] })
            {
                errors.Add(row.Error("sku", $"SKU '{item.Sku}' is also on line {first.Line} with different item columns (title, category, status, currency, listPrice, map); repeat them exactly to add listings."));
                continue;
            }

            items[item.Sku] = first with { Value = first.Value with { Listings = [.. first.Value.Listings, .. item.Listings] } };
        }

        return new ImportParse<CatalogItem>([.. items.Values], errors);
    }

    /// <summary>The column naming a channel's SKU, where errors about the listing point.</summary>
    public static string ChannelSkuField(SalesChannel channel) => channel switch
    {
        SalesChannel.Shopify => "shopifySku",
        SalesChannel.Amazon => "amazonSellerSku",
        SalesChannel.Walmart => "walmartSku",
        _ => "tiktokSellerSku",
    };

    private static CatalogItem? ParseRow(string brandId, ImportRow row, List<ImportError> errors)
    {
        var values = new ImportValues(row, errors);
        var sku = values.Text("sku", CatalogText.MaxSkuLength, required: true);
        var title = values.Text("title", CatalogText.MaxTitleLength, required: true);
        var category = values.Text("category", CatalogText.MaxNameLength);
        var status = values.Choice("status", CatalogItemStatus.Active, ("active", CatalogItemStatus.Active), ("discontinued", CatalogItemStatus.Discontinued));
        var currency = values.Currency("currency");
        var listPrice = values.Decimal("listPrice");
        var map = values.Decimal("map");
        var listings = new List<ChannelListing>();
        AddListing(values, sku, SalesChannel.Shopify, listings);
        AddListing(values, sku, SalesChannel.Amazon, listings);
        AddListing(values, sku, SalesChannel.Walmart, listings);
        AddListing(values, sku, SalesChannel.TikTokShop, listings);
        // The item's own columns were checked above; the listing rules are checked here, whatever else is wrong.
        foreach (var listing in listings)
        {
            foreach (var error in listing.Validate("listing"))
            {
                var member = error.Field["listing.".Length..];
                errors.Add(row.Error(ColumnOf(listing.Channel, member), error.Message.Replace(error.Field + ": ", string.Empty, StringComparison.Ordinal)));
            }
        }

        return sku is null || title is null || status is null || currency is null
            ? null
            : new CatalogItem(brandId, sku, title, category, status.Value, currency, listPrice, map, listings);
    }

    private static void AddListing(ImportValues values, string? sku, SalesChannel channel, List<ChannelListing> listings)
    {
        var prefix = Prefix(channel);
        var columns = Fields.Where(f => f.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (columns.All(c => values.Row[c] is null))
        {
            return;
        }

        var channelSku = values.Text(ChannelSkuField(channel), CatalogText.MaxSkuLength) ?? sku ?? string.Empty;
        var location = values.Text($"{prefix}StockLocation", StockLocations.MaxLength);
        var fba = channel == SalesChannel.Amazon && (values.Boolean("amazonFba") ?? false);
        string? Id(string column) => values.Text(column, CatalogText.MaxNameLength);
        var listing = channel switch
        {
            SalesChannel.Shopify => new ChannelListing(channel, channelSku, string.Empty, InventoryItemId: Id("shopifyInventoryItemId"), LocationId: Id("shopifyLocationId")),
            SalesChannel.Amazon => new ChannelListing(channel, channelSku, string.Empty, fba, MarketplaceId: Id("amazonMarketplaceId")),
            SalesChannel.Walmart => new ChannelListing(channel, channelSku, string.Empty, ShipNode: Id("walmartShipNode")),
            _ => new ChannelListing(channel, channelSku, string.Empty, ProductId: Id("tiktokProductId"), SkuId: Id("tiktokSkuId"), WarehouseId: Id("tiktokWarehouseId")),
        };
        var defaultLocation = fba && listing.MarketplaceId is { } marketplace ? StockLocations.AmazonFulfilment(marketplace) : StockLocations.Main;
        listings.Add(listing with { StockLocation = location ?? defaultLocation });
    }

    private static string Prefix(SalesChannel channel) => channel == SalesChannel.TikTokShop ? "tiktok" : channel.Slug();

    private static string ColumnOf(SalesChannel channel, string member) => member switch
    {
        "channelSku" => ChannelSkuField(channel),
        "channelFulfilled" => "amazonFba",
        _ => Prefix(channel) + char.ToUpperInvariant(member[0]) + member[1..],
    };
}
