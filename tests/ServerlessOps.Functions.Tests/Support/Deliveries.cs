using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>
/// Webhook bodies and channel API documents built from the shared samples, with order and delivery ids made
/// unique per test where they meet shared state (the stub marketplace is one for the assembly).
/// </summary>
public static class Deliveries
{
    public const string ShopifyOrderId = "6120001122334";
    public const string AmazonSampleOrderId = "114-3941689-8772232";
    public const string AmazonSampleNotificationId = "c7a3e4d2-91b8-4f6e-a2d5-3b8f0e1c9a47";
    public const string WalmartSamplePurchaseOrderId = "108812345678901";
    public const string WalmartSampleEventId = "6e2c9a14-c6b1-11f0-9d1a-2b5f8e3c7a90";
    public const string TikTokSampleOrderId = "576912345678901234";
    public const string TikTokSampleNotificationId = "7440112233445566771";

    private static ScenarioAccounts Accounts => ScenarioAccounts.Default;

    public static string Digits(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => (i == 0 ? RandomNumberGenerator.GetInt32(1, 10) : RandomNumberGenerator.GetInt32(0, 10)).ToString(CultureInfo.InvariantCulture)));

    public static string NewId() => Guid.NewGuid().ToString();

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    // ---- Shopify: the body is the whole order; it converges on updated_at.

    /// <summary>A Shopify order sample, optionally edited (e.g. a later updated_at).</summary>
    public static byte[] ShopifyBody(string sample, Action<JsonNode>? edit = null)
    {
        if (edit is null)
        {
            return ChannelSamples.Bytes(sample);
        }

        var node = ChannelSamples.Load(sample);
        edit(node);
        return Utf8(ChannelSamples.Write(node));
    }

    public static SignedWebhook Shopify(byte[] body, string topic, string? webhookId = null, ScenarioAccounts? accounts = null) =>
        (accounts ?? Accounts).Sign(SalesChannel.Shopify, body, webhookId ?? NewId(), topic);

    /// <summary>orders/updated for the create sample's order, stamped <paramref name="updatedAt"/>.</summary>
    public static byte[] ShopifyUpdated(DateTimeOffset updatedAt, Action<JsonNode>? edit = null) =>
        ShopifyBody("shopify-orders-updated.json", node =>
        {
            node["updated_at"] = ChannelSamples.ShopifyTime(updatedAt);
            edit?.Invoke(node);
        });

    /// <summary>The create sample's order, cancelled at <paramref name="cancelledAt"/> (the newest version).</summary>
    public static byte[] ShopifyCancelled(DateTimeOffset cancelledAt) =>
        ShopifyUpdated(cancelledAt, node =>
        {
            node["cancelled_at"] = ChannelSamples.ShopifyTime(cancelledAt);
            node["cancel_reason"] = "customer";
            node["financial_status"] = "voided";
        });

    // ---- Amazon: the notification is a signal; the order (and its money) is re-read from the Orders API.

    public enum AmazonShape
    {
        EventBridge,
        Pipe,
    }

    public static string NewAmazonOrderId() => $"114-{Digits(7)}-{Digits(7)}";

    /// <summary>An ORDER_CHANGE notification for <paramref name="orderId"/> in the carrier's body shape.</summary>
    public static byte[] AmazonOrderChange(string orderId, string notificationId, AmazonShape shape)
    {
        if (shape == AmazonShape.Pipe)
        {
            return Utf8(ChannelSamples.Text("amazon-pipe-order-change.json")
                .Replace(AmazonSampleOrderId, orderId, StringComparison.Ordinal)
                .Replace(AmazonSampleNotificationId, notificationId, StringComparison.Ordinal)
                .Replace("2f6e1b9c-4d7a-4e2b-9c81-5a3d0f7e6b12", NewId(), StringComparison.Ordinal));
        }

        var notification = JsonNode.Parse(ChannelSamples.Text("amazon-notification-order-change.json")
            .Replace(AmazonSampleOrderId, orderId, StringComparison.Ordinal)
            .Replace(AmazonSampleNotificationId, notificationId, StringComparison.Ordinal))!;

        // The EventBridge event an SP-API partner event bus delivers: the notification is its detail (CHANNELS.md 2.4).
        var envelope = new JsonObject
        {
            ["version"] = "0",
            ["id"] = NewId(),
            ["detail-type"] = "ORDER_CHANGE",
            ["source"] = "aws.partner/sellingpartnerapi.amazon.com/123456789012/amzn1.sellerapps.app.0f3b6c2e-7d41-4a58-9c1e-2b8a6d4e9f10",
            ["account"] = "123456789012",
            ["time"] = "2026-11-20T19:05:41Z",
            ["region"] = "us-east-1",
            ["resources"] = new JsonArray(),
            ["detail"] = notification,
        };
        return Utf8(ChannelSamples.Write(envelope));
    }

    public static SignedWebhook Amazon(byte[] body, string notificationId, ScenarioAccounts? accounts = null) =>
        (accounts ?? Accounts).Sign(SalesChannel.Amazon, body, notificationId);

    /// <summary>Puts the sample order under <paramref name="orderId"/> in the stub, with <paramref name="total"/> as its OrderTotal.</summary>
    public static void PutAmazonOrder(Testing.StubMarketplace.StubMarketplace marketplace, string orderId, decimal total, string status = "Unshipped")
    {
        ArgumentNullException.ThrowIfNull(marketplace);
        var order = ChannelSamples.AmazonGetOrder(
            orderId, status,
            DateTimeOffset.Parse("2026-11-20T19:01:12Z", CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2026-11-20T19:05:39Z", CultureInfo.InvariantCulture),
            total, itemsShipped: 0, itemsUnshipped: 3);
        var items = ChannelSamples.Text("amazon-orders-api-order-items.json").Replace(AmazonSampleOrderId, orderId, StringComparison.Ordinal);
        marketplace.PutAmazonOrder(orderId, order, items);
    }

    // ---- Walmart: PO events are signals; the order is re-read with GET /v3/orders/{id}.

    public static string NewWalmartPurchaseOrderId() => Digits(15);

    public static byte[] WalmartPoCreated(string purchaseOrderId, string eventId) =>
        Utf8(ChannelSamples.Text("walmart-po-created.json")
            .Replace(WalmartSamplePurchaseOrderId, purchaseOrderId, StringComparison.Ordinal)
            .Replace(WalmartSampleEventId, eventId, StringComparison.Ordinal));

    public static SignedWebhook Walmart(byte[] body, string eventId, ScenarioAccounts? accounts = null) =>
        (accounts ?? Accounts).Sign(SalesChannel.Walmart, body, eventId, at: DateTimeOffset.UtcNow);

    /// <summary>The get-order sample under <paramref name="purchaseOrderId"/>; <paramref name="cancelledAt"/> cancels every line at that time.</summary>
    public static string WalmartOrder(string purchaseOrderId, DateTimeOffset? cancelledAt = null)
    {
        var text = ChannelSamples.Text("walmart-get-order.json").Replace(WalmartSamplePurchaseOrderId, purchaseOrderId, StringComparison.Ordinal);
        if (cancelledAt is not { } at)
        {
            return text;
        }

        var node = JsonNode.Parse(text)!;
        foreach (var line in node["order"]!["orderLines"]!["orderLine"]!.AsArray())
        {
            line!["statusDate"] = at.ToUnixTimeMilliseconds();
            foreach (var status in line["orderLineStatuses"]!["orderLineStatus"]!.AsArray())
            {
                status!["status"] = "Cancelled";
                status["cancellationReason"] = "CUSTOMER_REQUESTED_SELLER_TO_CANCEL";
            }
        }

        return ChannelSamples.Write(node);
    }

    // ---- TikTok Shop: webhooks carry no money; the order is re-read with Get Order Detail.

    public static string NewTikTokOrderId() => Digits(18);

    public static byte[] TikTokStatusChange(string orderId, string notificationId) =>
        Utf8(ChannelSamples.Text("tiktok-order-status-change.json")
            .Replace(TikTokSampleOrderId, orderId, StringComparison.Ordinal)
            .Replace(TikTokSampleNotificationId, notificationId, StringComparison.Ordinal));

    public static SignedWebhook TikTok(byte[] body, string notificationId, ScenarioAccounts? accounts = null) =>
        (accounts ?? Accounts).Sign(SalesChannel.TikTokShop, body, notificationId);

    /// <summary>The order-detail sample under <paramref name="orderId"/>; <paramref name="cancelledAt"/> makes it a newer, cancelled version.</summary>
    public static string TikTokOrder(string orderId, DateTimeOffset? cancelledAt = null)
    {
        var text = ChannelSamples.Text("tiktok-order-detail.json").Replace(TikTokSampleOrderId, orderId, StringComparison.Ordinal);
        if (cancelledAt is not { } at)
        {
            return text;
        }

        var node = JsonNode.Parse(text)!;
        var order = node["data"]!["orders"]![0]!;
        order["status"] = "CANCELLED";
        order["update_time"] = at.ToUnixTimeSeconds();
        order["cancel_reason"] = "Buyer changed mind";
        foreach (var line in order["line_items"]!.AsArray())
        {
            line!["display_status"] = "CANCELLED";
        }
        return ChannelSamples.Write(node);
    }
}
