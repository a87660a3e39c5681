namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>Header names Shopify sends with every HTTPS webhook (CHANNELS.md 1.1); compared case-insensitively.</summary>
public static class ShopifyHeaders
{
    public const string Topic = "X-Shopify-Topic";
    public const string Hmac = "X-Shopify-Hmac-Sha256";
    public const string ShopDomain = "X-Shopify-Shop-Domain";
    public const string ApiVersion = "X-Shopify-API-Version";

    /// <summary>The delivery id: the de-dup key, together with the shop domain (CHANNELS.md 1.3 working rule).</summary>
    public const string WebhookId = "X-Shopify-Webhook-Id";

    /// <summary>The underlying event; (event id, topic) is the business-level duplicate key.</summary>
    public const string EventId = "X-Shopify-Event-Id";

    /// <summary>When the event fired (ISO 8601): the tie-break of two snapshots with the same <c>updated_at</c>.</summary>
    public const string TriggeredAt = "X-Shopify-Triggered-At";
}
