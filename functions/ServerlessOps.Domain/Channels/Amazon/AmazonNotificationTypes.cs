namespace ServerlessOps.Domain.Channels.Amazon;

/// <summary>The SP-API notification types handled (CHANNELS.md 2.3); anything else is rejected as unsupported.</summary>
public static class AmazonNotificationTypes
{
    public const string OrderChange = "ORDER_CHANGE";
    public const string FbaInventoryAvailabilityChanges = "FBA_INVENTORY_AVAILABILITY_CHANGES";
    public const string ListingsItemMfnQuantityChange = "LISTINGS_ITEM_MFN_QUANTITY_CHANGE";
    public const string AnyOfferChanged = "ANY_OFFER_CHANGED";
    public const string PricingHealth = "PRICING_HEALTH";
    public const string FulfillmentOrderStatus = "FULFILLMENT_ORDER_STATUS";
    public const string ReportProcessingFinished = "REPORT_PROCESSING_FINISHED";
    public const string FeedProcessingFinished = "FEED_PROCESSING_FINISHED";

    public static IReadOnlyCollection<string> Supported { get; } =
    [
        OrderChange,
        FbaInventoryAvailabilityChanges,
        ListingsItemMfnQuantityChange,
        AnyOfferChanged,
        PricingHealth,
        FulfillmentOrderStatus,
        ReportProcessingFinished,
        FeedProcessingFinished,
    ];

    public static bool IsSupported(string? type) => type is not null && Supported.Contains(type, StringComparer.OrdinalIgnoreCase);
}
