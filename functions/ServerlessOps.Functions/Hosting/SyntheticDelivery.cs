using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Amazon;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Domain.Channels.TikTokShop;
using ServerlessOps.Domain.Channels.Walmart;

namespace ServerlessOps.Functions.Hosting;

/// <summary>
/// A well-formed webhook of one channel, authenticated with a throwaway credential made for it, for
/// <see cref="WebhookPathWarmUp"/> to run through the edge's own code in memory before the first real one arrives. It
/// names an account no brand can hold (ids starting with '_'), its credential is random per instance and lives only
/// here, and it never reaches an HTTP route, a store, a counter or the log: nothing can mistake it for a delivery.
/// The bodies are the smallest each adapter reads as a handled topic (an order change for each channel).
/// </summary>
internal sealed record SyntheticDelivery(SalesChannel Channel, WebhookRequest Request, ChannelCredentials Credentials)
{
    private const string Account = "_warm-up";

    public static IReadOnlyList<SyntheticDelivery> ForEveryChannel(DateTimeOffset now) =>
        [.. Enum.GetValues<SalesChannel>().Select(channel => For(channel, now))];

    public static SyntheticDelivery For(SalesChannel channel, DateTimeOffset now)
    {
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var id = Guid.NewGuid().ToString();
        var path = $"/api/webhooks/{channel.Slug()}";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/json",
            ["User-Agent"] = "ServerlessOps-warm-up",
        };
        byte[] body;
        var credentials = new ChannelCredentials([secret]);
        switch (channel)
        {
            case SalesChannel.Shopify:
                body = Json($$$"""{"id":1,"name":"#1","updated_at":"{{{Iso(now)}}}","line_items":[]}""");
                headers[ShopifyHeaders.Topic] = ShopifyTopics.OrdersUpdated;
                headers[ShopifyHeaders.ShopDomain] = $"{Account}.myshopify.com";
                headers[ShopifyHeaders.WebhookId] = id;
                headers[ShopifyHeaders.EventId] = id;
                headers[ShopifyHeaders.ApiVersion] = "2026-10";
                headers[ShopifyHeaders.TriggeredAt] = Iso(now);
                headers[ShopifyHeaders.Hmac] = ShopifySignature.Compute(body, secret);
                break;
            case SalesChannel.Amazon:
                body = Json($$$"""
                    {"NotificationVersion":"1.0","NotificationType":"{{{AmazonNotificationTypes.OrderChange}}}","PayloadVersion":"1.0","EventTime":"{{{Iso(now)}}}",
                    "Payload":{"OrderChangeNotification":{"SellerId":"{{{Account}}}","AmazonOrderId":"000-0000000-0000000"}},
                    "NotificationMetadata":{"NotificationId":"{{{id}}}","PublishTime":"{{{Iso(now)}}}"}}
                    """);
                headers[AmazonCredentialCheck.DefaultHeader] = secret;
                break;
            case SalesChannel.Walmart:
                path += $"?{WalmartWebhookChannel.AccountQueryParameter}={Account}";
                body = Json($$$"""
                    {"source":{"eventType":"{{{WalmartEventTypes.OrderUpdates}}}","eventId":"{{{id}}}","eventTime":"{{{Iso(now)}}}"},
                    "payload":{"partnerId":"{{{Account}}}","purchaseOrderId":"1"}}
                    """);
                headers[WalmartAuthMethods.DefaultHeader] = secret;
                break;
            case SalesChannel.TikTokShop:
                const string appKey = "warm-up";
                body = Json($$$"""
                    {"type":{{{TikTokShopTopics.OrderStatusChange}}},"tts_notification_id":"{{{id}}}","shop_id":"{{{Account}}}",
                    "timestamp":{{{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}}},"data":{"order_id":"1","order_status":"AWAITING_SHIPMENT"}}
                    """);
                headers[TikTokShopSignature.Header] = TikTokShopSignature.Compute(body, appKey, secret);
                credentials = credentials with { AppKey = appKey };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(channel), channel, "No synthetic delivery for this channel.");
        }

        return new SyntheticDelivery(channel, new WebhookRequest("POST", path, headers, body) { ReceivedAt = now }, credentials);
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
