using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Domain.Channels.Amazon;

/// <summary>
/// Inventory notifications (CHANNELS.md 2.3). FBA stock is held by Amazon and reported per marketplace: location
/// <c>FBA:{MarketplaceId}</c>, available = <c>Fulfillable</c>. Seller-fulfilled quantity changes carry the SKU, the
/// quantity and the fulfilment channel code (the location). Neither carries its own change time, so the notification's
/// <c>EventTime</c> is the observed time.
/// </summary>
public static class AmazonInventoryMapper
{
    public static InventoryReport MapFba(AmazonDelivery delivery, ChannelAccount account, string deliveryKey)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = delivery.Payload;
        var observedAt = ObservedAt(delivery);
        var sku = payload.Property("SKU").GetNonEmptyString();
        var asin = payload.Optional("ASIN")?.GetString();
        var levels = new List<InventoryLevelEvent>();
        foreach (var marketplace in payload.Property("FulfillmentInventoryByMarketplace").Items())
        {
            var marketplaceId = marketplace.Property("MarketplaceId").GetNonEmptyString();
            var fulfillable = marketplace.Property("FulfillmentInventory").Property("Fulfillable").GetCount();
            levels.Add(Json.ChannelRecords.InventoryLevel(deliveryKey, account, sku, asin, $"FBA:{marketplaceId}", fulfillable, observedAt));
        }

        return new InventoryReport(levels);
    }

    public static InventoryReport MapMfn(AmazonDelivery delivery, ChannelAccount account, string deliveryKey)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = delivery.Payload;
        var level = Json.ChannelRecords.InventoryLevel(
            deliveryKey,
            account,
            sku: payload.Property("Sku").GetNonEmptyString(),
            channelItemId: null,
            locationId: payload.Optional("FulfillmentChannelCode")?.GetString() ?? "DEFAULT",
            available: payload.Property("Quantity").GetCount(),
            observedAt: ObservedAt(delivery));
        return new InventoryReport([level]);
    }

    internal static DateTimeOffset ObservedAt(AmazonDelivery delivery) =>
        delivery.EventTime
        ?? delivery.Notification.Optional("NotificationMetadata")?.Optional("PublishTime")?.GetIsoTime()
        ?? throw delivery.Notification.Property("EventTime").Fail("expected an ISO 8601 time");
}
