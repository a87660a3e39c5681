namespace ServerlessOps.Domain.Channels.Walmart;

/// <summary>The Walmart Marketplace event types handled (CHANNELS.md 3.4); anything else is rejected as unsupported.</summary>
public static class WalmartEventTypes
{
    public const string PoCreated = "PO_CREATED";
    public const string PoLineAutoCancelled = "PO_LINE_AUTOCANCELLED";

    /// <summary>The newer order envelope: <c>payload.subEventType</c> says what happened, <c>payload.order</c> which order.</summary>
    public const string OrderUpdates = "ORDER_UPDATES";
    public const string InventoryOutOfStock = "INVENTORY_OOS";
    public const string BuyBoxChanged = "BUY_BOX_CHANGED";
    public const string OfferPublished = "OFFER_PUBLISHED";
    public const string OfferUnpublished = "OFFER_UNPUBLISHED";
    public const string SellerPerformanceNotifications = "SELLER_PERFORMANCE_NOTIFICATIONS";

    public static IReadOnlyCollection<string> Supported { get; } =
    [
        PoCreated,
        PoLineAutoCancelled,
        OrderUpdates,
        InventoryOutOfStock,
        BuyBoxChanged,
        OfferPublished,
        OfferUnpublished,
        SellerPerformanceNotifications,
    ];

    public static bool IsSupported(string? eventType) => eventType is not null && Supported.Contains(eventType, StringComparer.OrdinalIgnoreCase);
}
