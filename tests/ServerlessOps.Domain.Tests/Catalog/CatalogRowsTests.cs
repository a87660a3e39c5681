using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;
using static ServerlessOps.Domain.Tests.Catalog.ImportRows;

namespace ServerlessOps.Domain.Tests.Catalog;

public sealed class CatalogRowsTests
{
    private static readonly (string, string?)[] Item =
        [("sku", "TEE-BLK-M"), ("title", "Tee, black, M"), ("category", "Apparel"), ("currency", "USD"), ("listPrice", "24.00"), ("map", "19.99")];

    [Fact]
    public void Parse_RowWithEveryChannel_GivesTheItemWithDefaultsFilledIn()
    {
        var parse = CatalogRows.Parse("acme", [Row(2, [.. Item,
            ("shopifyInventoryItemId", "4411"), ("shopifyLocationId", "77"),
            ("amazonMarketplaceId", "ATVPDKIKX0DER"), ("amazonFba", "true"), ("amazonSellerSku", "TEE-BLK-M-FBA"),
            ("walmartShipNode", "node-1"),
            ("tiktokProductId", "p-1"), ("tiktokSkuId", "s-1"), ("tiktokWarehouseId", "w-1"), ("tiktokStockLocation", "east")])]);

        Assert.True(parse.IsValid, string.Join("; ", parse.Errors));
        var item = Assert.Single(parse.Values).Value;
        Assert.Equal(CatalogItemStatus.Active, item.Status);
        Assert.Equal(19.99m, item.MinimumAdvertisedPrice);
        var byChannel = item.Listings.ToDictionary(l => l.Channel);
        Assert.Equal(("TEE-BLK-M", StockLocations.Main), (byChannel[SalesChannel.Shopify].ChannelSku, byChannel[SalesChannel.Shopify].StockLocation));
        Assert.Equal(("TEE-BLK-M-FBA", "amazon-fba:ATVPDKIKX0DER", true),
            (byChannel[SalesChannel.Amazon].ChannelSku, byChannel[SalesChannel.Amazon].StockLocation, byChannel[SalesChannel.Amazon].ChannelFulfilled));
        Assert.Equal("node-1", byChannel[SalesChannel.Walmart].ShipNode);
        Assert.Equal("east", byChannel[SalesChannel.TikTokShop].StockLocation);
    }

    [Fact]
    public void Parse_ListingMissingItsChannelIds_NamesTheMissingColumns()
    {
        var parse = CatalogRows.Parse("acme", [Row(3, [.. Item, ("shopifyLocationId", "77"), ("tiktokProductId", "p-1")])]);

        Assert.Empty(parse.Values);
        Assert.Contains(parse.Errors, e => e is { Line: 3, Column: "$.shopifyInventoryItemId" });
        Assert.Contains(parse.Errors, e => e is { Line: 3, Column: "$.tiktokSkuId" });
        Assert.Contains(parse.Errors, e => e is { Line: 3, Column: "$.tiktokWarehouseId" });
    }

    [Fact]
    public void Parse_BadValues_EachNamedWithLineAndField()
    {
        var parse = CatalogRows.Parse("acme", [Row(4, ("sku", "X"), ("title", "T"), ("currency", "usd"), ("listPrice", "1,200.00"), ("status", "gone"), ("amazonFba", "yes"), ("amazonMarketplaceId", "M"))]);

        Assert.Equal(["$.amazonFba", "$.currency", "$.listPrice", "$.status"], parse.Errors.Select(e => e.Column).Order(StringComparer.Ordinal));
        Assert.All(parse.Errors, e => Assert.Equal(4, e.Line));
    }

    [Fact]
    public void Parse_SameSkuOnTwoRows_AddsTheirListingsWhenItemColumnsAgree()
    {
        var parse = CatalogRows.Parse("acme",
        [
            Row(2, [.. Item, ("amazonMarketplaceId", "ATVPDKIKX0DER")]),
            Row(3, [.. Item, ("amazonMarketplaceId", "ATVPDKIKX0DER"), ("amazonSellerSku", "TEE-FBA"), ("amazonFba", "true")]),
        ]);

        Assert.True(parse.IsValid, string.Join("; ", parse.Errors));
        Assert.Equal(["TEE-BLK-M", "TEE-FBA"], Assert.Single(parse.Values).Value.Listings.Select(l => l.ChannelSku));
    }

    [Fact]
    public void Parse_SameSkuWithDifferentItemColumns_IsAnErrorOnTheLaterLine()
    {
        var parse = CatalogRows.Parse("acme", [Row(2, Item), Row(5, [.. Item.Where(i => i.Item1 != "title"), ("title", "Other")])]);

        var error = Assert.Single(parse.Errors);
        Assert.Equal((5, "$.sku"), (error.Line, error.Column));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OneChannelSkuOnTwoItems_IsAnError()
    {
        var parse = CatalogRows.Parse("acme",
        [
            Row(2, ("sku", "A"), ("title", "A"), ("currency", "USD"), ("walmartSku", "W-1"), ("walmartShipNode", "n")),
            Row(3, ("sku", "B"), ("title", "B"), ("currency", "USD"), ("walmartSku", "W-1"), ("walmartShipNode", "n")),
        ]);

        var error = Assert.Single(parse.Errors);
        Assert.Equal((3, "$.walmartSku"), (error.Line, error.Column));
    }
}
