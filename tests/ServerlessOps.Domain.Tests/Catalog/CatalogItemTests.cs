using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Tests.Catalog;

public sealed class CatalogItemTests
{
    private static CatalogItem Item(params ChannelListing[] listings) =>
        new("acme", "TEE-BLK-M", "Tee", "Apparel", CatalogItemStatus.Active, "USD", 24m, 19.99m, listings);

    [Fact]
    public void Validate_CompleteItem_HasNoErrors()
    {
        var item = Item(
            new ChannelListing(SalesChannel.Shopify, "TEE-BLK-M", "main", InventoryItemId: "1", LocationId: "2"),
            new ChannelListing(SalesChannel.Amazon, "TEE-FBA", "amazon-fba:X", ChannelFulfilled: true, MarketplaceId: "X"));

        Assert.Empty(item.Validate());
    }

    [Fact]
    public void Validate_ListingProblems_AreNamedByTheirPath()
    {
        var item = Item(
            new ChannelListing(SalesChannel.Walmart, "W-1", "main", ChannelFulfilled: true, MarketplaceId: "X"),
            new ChannelListing(SalesChannel.Walmart, "W-1", "main", ShipNode: "n")) with { Currency = "usd", ListPrice = 1.23456m };

        Assert.Equal(
            ["currency", "listPrice", "listings[0].channelFulfilled", "listings[0].marketplaceId", "listings[0].shipNode", "listings[1].channelSku"],
            item.Validate().Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}
