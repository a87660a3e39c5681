using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Catalog;

/// <summary>
/// One listing of a catalog item on a channel: the SKU the channel reports on order lines (the key
/// <see cref="ICatalogReader.ResolveAsync"/> looks up), the channel's own ids for pushing stock, and the ledger location
/// its units are taken from. Which ids apply depends on the channel:
/// Shopify <see cref="InventoryItemId"/> + <see cref="LocationId"/>; Amazon <see cref="MarketplaceId"/> (the seller SKU
/// is <see cref="ChannelSku"/>; FBA = <see cref="ChannelFulfilled"/>); Walmart <see cref="ShipNode"/> (the Walmart SKU is
/// <see cref="ChannelSku"/>); TikTok Shop <see cref="ProductId"/> + <see cref="SkuId"/> + <see cref="WarehouseId"/>.
/// </summary>
/// <param name="Channel">The channel it is listed on.</param>
/// <param name="ChannelSku">The SKU the channel writes on order lines (Shopify variant SKU, Amazon seller SKU, Walmart SKU, TikTok seller SKU); unique per brand and channel.</param>
/// <param name="StockLocation">The ledger location its stock is kept at.</param>
/// <param name="ChannelFulfilled">The channel ships from its own stock (Amazon FBA only).</param>
public sealed record ChannelListing(
    SalesChannel Channel,
    string ChannelSku,
    string StockLocation,
    bool ChannelFulfilled = false,
    string? InventoryItemId = null,
    string? LocationId = null,
    string? MarketplaceId = null,
    string? ShipNode = null,
    string? ProductId = null,
    string? SkuId = null,
    string? WarehouseId = null)
{
    /// <summary>Every problem, named by <paramref name="path"/> + the camelCase member; empty when valid.</summary>
    public IReadOnlyList<FieldError> Validate(string path)
    {
        var errors = new List<FieldError>();
        Check(errors, $"{path}.channelSku", ChannelSku, CatalogText.MaxSkuLength);
        Check(errors, $"{path}.stockLocation", StockLocation, StockLocations.MaxLength);
        var required = Channel switch
        {
            SalesChannel.Shopify => new[] { ("inventoryItemId", InventoryItemId), ("locationId", LocationId) },
            SalesChannel.Amazon => [("marketplaceId", MarketplaceId)],
            SalesChannel.Walmart => [("shipNode", ShipNode)],
            SalesChannel.TikTokShop => [("productId", ProductId), ("skuId", SkuId), ("warehouseId", WarehouseId)],
            _ => [],
        };
        foreach (var (name, value) in required)
        {
            Check(errors, $"{path}.{name}", value, CatalogText.MaxNameLength);
        }

        var present = new[]
        {
            ("inventoryItemId", InventoryItemId), ("locationId", LocationId), ("marketplaceId", MarketplaceId), ("shipNode", ShipNode),
            ("productId", ProductId), ("skuId", SkuId), ("warehouseId", WarehouseId),
        };
        foreach (var (name, value) in present)
        {
            if (value is not null && !required.Any(r => r.Item1 == name))
            {
                errors.Add(new FieldError($"{path}.{name}", $"{name} does not apply to a {Channel} listing."));
            }
        }

        if (ChannelFulfilled && Channel != SalesChannel.Amazon)
        {
            errors.Add(new FieldError($"{path}.channelFulfilled", $"Only Amazon listings can be channel-fulfilled (FBA); this one is on {Channel}."));
        }

        return errors;
    }

    private static void Check(List<FieldError> errors, string field, string? value, int maxLength)
    {
        if (CatalogText.Check(value, maxLength) is { } problem)
        {
            errors.Add(new FieldError(field, $"{field}: {problem}."));
        }
    }
}
