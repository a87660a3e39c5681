using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Domain.Channels.Walmart;

/// <summary>The non-order Walmart events (CHANNELS.md 3.4): inventory, Buy Box, listing and performance notices.</summary>
public static class WalmartEventMappers
{
    /// <summary>
    /// Walmart US prices are in US dollars and the Buy Box event carries no currency field (the vendor's parameter
    /// table lists prices as plain doubles).
    /// </summary>
    public const string MarketplaceCurrency = "USD";

    /// <summary>The purchase order an order event is about: <c>payload.purchaseOrderId</c>, or <c>payload.order.purchaseOrderId</c> (ORDER_UPDATES).</summary>
    public static OrderSignal OrderSignal(WalmartEvent walmartEvent)
    {
        ArgumentNullException.ThrowIfNull(walmartEvent);
        var payload = walmartEvent.Payload;
        var id = payload.Optional("purchaseOrderId")
            ?? payload.Optional("order")?.Optional("purchaseOrderId")
            ?? payload.Property("purchaseOrderId");
        return new OrderSignal(id.GetId());
    }

    /// <summary>INVENTORY_OOS: one level per ship node, keyed by SKU, observed at the event time.</summary>
    public static InventoryReport InventoryOutOfStock(WalmartEvent walmartEvent, ChannelAccount account, string deliveryKey)
    {
        ArgumentNullException.ThrowIfNull(walmartEvent);
        var payload = walmartEvent.Payload;
        var sku = payload.Property("sku").GetNonEmptyString();
        var itemId = payload.Optional("itemId")?.GetId();
        var observedAt = walmartEvent.RequiredEventTime;
        var levels = new List<InventoryLevelEvent>();
        foreach (var node in payload.Property("shipNodes").Items())
        {
            levels.Add(ChannelRecords.InventoryLevel(
                deliveryKey,
                account,
                sku,
                itemId,
                node.Property("shipNode").GetId(),
                node.Property("availToSellQty").GetInt32(),
                observedAt));
        }

        return new InventoryReport(levels);
    }

    /// <summary>
    /// BUY_BOX_CHANGED: the winning offer as the Buy Box price, and our current offer as our own listing price. The
    /// offers sit under <c>payload.offer</c> in the vendor's parameter table; directly under <c>payload</c> is accepted too.
    /// </summary>
    public static PriceReport BuyBoxChanged(WalmartEvent walmartEvent, ChannelAccount account, string deliveryKey)
    {
        ArgumentNullException.ThrowIfNull(walmartEvent);
        var payload = walmartEvent.Payload;
        var item = payload.Optional("itemInfo") ?? payload;
        var sku = item.Optional("sku")?.GetString();
        var itemId = item.Optional("itemId")?.GetId();
        if (string.IsNullOrWhiteSpace(sku) && itemId is null)
        {
            throw item.Property("sku").Fail("expected a SKU or an item id for the price");
        }

        var offers = payload.Optional("offer") ?? payload;
        var observedAt = walmartEvent.RequiredEventTime;
        var changes = new List<PriceChange>();
        if (offers.Optional("winningOffer") is { } winning)
        {
            changes.Add(Offer(winning, PriceKind.BuyBox));
        }

        if (offers.Optional("currentOffer") is { } current)
        {
            changes.Add(Offer(current, PriceKind.OwnListing));
        }

        if (changes.Count == 0)
        {
            throw offers.Property("winningOffer").Fail("expected the Buy Box winning offer");
        }

        return new PriceReport(changes);

        PriceChange Offer(JsonCursor offer, PriceKind kind) => ChannelRecords.Price(
            deliveryKey,
            account,
            sku,
            itemId,
            kind,
            price: offer.Property("sellerOfferPrice").GetAmount(),
            shipping: offer.Optional("sellerShippingPrice")?.GetAmount(),
            currency: MarketplaceCurrency,
            observedAt);
    }

    public static ChannelNotice Notice(WalmartEvent walmartEvent)
    {
        ArgumentNullException.ThrowIfNull(walmartEvent);
        var payload = walmartEvent.Payload;
        switch (walmartEvent.EventType)
        {
            case WalmartEventTypes.OfferPublished:
            case WalmartEventTypes.OfferUnpublished:
                var sku = payload.Optional("sku")?.GetString() ?? "unknown SKU";
                var status = payload.OptionalAny("publishStatus", "lifecycleStatus")?.GetString();
                var verb = walmartEvent.EventType == WalmartEventTypes.OfferPublished ? "published" : "unpublished";
                return new ChannelNotice($"Offer {sku} {verb}{(status is null ? string.Empty : $" ({status})")}");
            case WalmartEventTypes.SellerPerformanceNotifications:
                var kind = payload.Optional("notificationType")?.GetString() ?? "unknown";
                return new ChannelNotice($"Seller performance notification: {kind}");
            default:
                return new ChannelNotice($"Walmart {walmartEvent.EventType}");
        }
    }
}
