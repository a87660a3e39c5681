using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>The newest level reported for one item at one location of one channel.</summary>
/// <param name="Sku">Seller SKU where the channel sends it (Amazon, Walmart); null for Shopify, which sends its inventory item id.</param>
/// <param name="ChannelItemId">Shopify inventory_item_id, Walmart itemId; null for Amazon (the MFN event names only the SKU).</param>
/// <param name="LocationId">Shopify location_id, Walmart shipNode; Amazon's fulfillment channel code (DEFAULT).</param>
public sealed record ExpectedInventoryLevel(
    SalesChannel Channel,
    string? Sku,
    string? ChannelItemId,
    string? LocationId,
    int Available,
    DateTimeOffset ObservedAt);
