using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Json;

namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>
/// <c>inventory_levels/update</c> (the InventoryLevel resource, CHANNELS.md 1.7) as one inventory level. Shopify names
/// the inventory item, not the SKU: the SKU is found later through the variant's <c>inventory_item_id</c>.
/// </summary>
public static class ShopifyInventoryMapper
{
    public static InventoryReport Map(JsonCursor level, ChannelAccount account, string deliveryKey)
    {
        level.ExpectObject();
        return new InventoryReport(
        [
            ChannelRecords.InventoryLevel(
                deliveryKey,
                account,
                sku: null,
                channelItemId: level.Property("inventory_item_id").GetId(),
                locationId: level.Property("location_id").GetId(),

                // Shopify sends null for an untracked item; that is not a level, so it fails here by name.
                available: level.Property("available").GetInt32(),
                observedAt: level.Property("updated_at").GetIsoTime()),
        ]);
    }
}
