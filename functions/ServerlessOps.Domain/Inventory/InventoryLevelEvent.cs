using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Inventory;

/// <summary>
/// A channel reporting how many units of an item are available at one location. Keyed by SKU where the
/// channel gives one; Shopify reports its inventory item id instead, kept in <see cref="ChannelItemId"/>.
/// </summary>
/// <param name="Id">Deterministic id (delivery key + item + location) so a redelivery writes the same document.</param>
/// <param name="Sku">Seller SKU, or null when only the channel's item id is known.</param>
/// <param name="ChannelItemId">The channel's item key (Shopify inventory_item_id, Amazon ASIN/FNSKU, Walmart itemId).</param>
/// <param name="LocationId">Location, ship node or fulfilment network (Amazon FBA marketplace).</param>
/// <param name="Available">Units available to sell.</param>
/// <param name="ObservedAt">The channel's time for this level (its updated-at), not our arrival time.</param>
public sealed record InventoryLevelEvent(
    string Id,
    string BrandId,
    SalesChannel Channel,
    string ChannelAccountId,
    string? Sku,
    string? ChannelItemId,
    string? LocationId,
    int Available,
    DateTimeOffset ObservedAt);
