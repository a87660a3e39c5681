namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>What a Shopify topic's payload is, for the topics ServerlessOps handles.</summary>
public enum ShopifyTopicKind
{
    /// <summary>The full Order resource.</summary>
    Order,

    /// <summary>The Refund resource: a refund fact of an order.</summary>
    Refund,

    /// <summary>The Fulfillment resource: a shipment fact of an order.</summary>
    Fulfillment,

    /// <summary>The InventoryLevel resource.</summary>
    InventoryLevel,

    /// <summary>The Product resource with its variants.</summary>
    Product,

    /// <summary>Recorded only: deletions, uninstall.</summary>
    Notice,

    /// <summary>Shopify's mandatory privacy requests: acted on (Domain/Privacy), not only recorded.</summary>
    PrivacyRequest,
}

/// <summary>The Shopify topics handled (REST-style names, CHANNELS.md 1.5); anything else is rejected as unsupported.</summary>
public static class ShopifyTopics
{
    public const string OrdersCreate = "orders/create";
    public const string OrdersUpdated = "orders/updated";
    public const string OrdersPaid = "orders/paid";
    public const string OrdersCancelled = "orders/cancelled";
    public const string OrdersFulfilled = "orders/fulfilled";
    public const string OrdersPartiallyFulfilled = "orders/partially_fulfilled";
    public const string OrdersDelete = "orders/delete";
    public const string RefundsCreate = "refunds/create";
    public const string FulfillmentsCreate = "fulfillments/create";
    public const string FulfillmentsUpdate = "fulfillments/update";
    public const string InventoryLevelsUpdate = "inventory_levels/update";
    public const string ProductsUpdate = "products/update";
    public const string AppUninstalled = "app/uninstalled";
    public const string CustomersDataRequest = "customers/data_request";
    public const string CustomersRedact = "customers/redact";
    public const string ShopRedact = "shop/redact";

    private static readonly Dictionary<string, ShopifyTopicKind> _kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        [OrdersCreate] = ShopifyTopicKind.Order,
        [OrdersUpdated] = ShopifyTopicKind.Order,
        [OrdersPaid] = ShopifyTopicKind.Order,
        [OrdersCancelled] = ShopifyTopicKind.Order,
        [OrdersFulfilled] = ShopifyTopicKind.Order,
        [OrdersPartiallyFulfilled] = ShopifyTopicKind.Order,
        [RefundsCreate] = ShopifyTopicKind.Refund,
        [FulfillmentsCreate] = ShopifyTopicKind.Fulfillment,
        [FulfillmentsUpdate] = ShopifyTopicKind.Fulfillment,
        [InventoryLevelsUpdate] = ShopifyTopicKind.InventoryLevel,
        [ProductsUpdate] = ShopifyTopicKind.Product,
        [OrdersDelete] = ShopifyTopicKind.Notice,
        [AppUninstalled] = ShopifyTopicKind.Notice,
        [CustomersDataRequest] = ShopifyTopicKind.PrivacyRequest,
        [CustomersRedact] = ShopifyTopicKind.PrivacyRequest,
        [ShopRedact] = ShopifyTopicKind.PrivacyRequest,
    };

    public static IReadOnlyCollection<string> Supported => _kinds.Keys;

    public static bool TryClassify(string? topic, out ShopifyTopicKind kind)
    {
        if (topic is null)
        {
            kind = default;
            return false;
        }

        return _kinds.TryGetValue(topic.Trim(), out kind);
    }
}
