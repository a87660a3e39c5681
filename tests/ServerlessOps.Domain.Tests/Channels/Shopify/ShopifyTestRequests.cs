using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.Shopify;

/// <summary>The headers VECTORS.md gives for the create sample.</summary>
internal static class ShopifyTestRequests
{
    public const string Secret = "test-shopify-client-secret-0001";
    public const string PreviousSecret = "previous-shopify-client-secret";
    public const string CreateHmac = "blMs1fc20if3NkGMboOVQCHW6MiS/CaX2FF05OqaxOQ=";
    public const string CancelledHmac = "jo6774gm2go+LLNqOR6M4Hm3cemd8c7do4LqnOsEQ8k=";
    public const string InventoryHmac = "XNQmXSq8V9DqzoNkHYxfsIkAoW+vZVO4seOWiL6L4C4=";
    public const string TamperedCreateHmac = "gO+gZNU1SZ5HfTF1Ne8XbPZvVRQp4d/T7pr75b+29SI=";
    public const string WebhookId = "0b6c2f0e-7f5a-4c53-9d0e-5a1f8d3b2c61";
    public const string EventId = "3f1a9e47-2c8d-4b6e-a1f0-7d5c9b2e4a18";
    public const string TriggeredAt = "2026-11-20T19:03:12.104Z";

    public static (string, string)[] Headers(string topic, string hmac) =>
    [
        ("Content-Type", "application/json"),
        (ShopifyHeaders.Topic, topic),
        (ShopifyHeaders.ShopDomain, "acme-outfitters.myshopify.com"),
        (ShopifyHeaders.ApiVersion, "2026-10"),
        (ShopifyHeaders.WebhookId, WebhookId),
        (ShopifyHeaders.EventId, EventId),
        (ShopifyHeaders.TriggeredAt, TriggeredAt),
        (ShopifyHeaders.Hmac, hmac),
    ];

    public static WebhookRequest Request(byte[] body, string topic, string hmac) => Requests.Post(body, "/api/webhooks/shopify", Headers(topic, hmac));

    public static WebhookRequest Without(WebhookRequest request, string header)
    {
        var headers = request.Headers.Where(h => !string.Equals(h.Key, header, StringComparison.OrdinalIgnoreCase)).ToArray();
        return request with { Headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase) };
    }

    public static WebhookRequest With(WebhookRequest request, string header, string value)
    {
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { [header] = value };
        return request with { Headers = headers };
    }
}
