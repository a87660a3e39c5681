using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.Webhooks;

/// <summary>
/// Signs webhook calls exactly as each channel does (CHANNELS.md 1.2, 2.5, 3.2, 4.2; VECTORS.md), so tests and
/// the demo send what a marketplace would. The primitives are public for known-answer tests.
/// </summary>
public static class WebhookSigner
{
    public const string ShopifyPath = "/api/webhooks/shopify";
    public const string AmazonPath = "/api/webhooks/amazon";
    public const string WalmartPath = "/api/webhooks/walmart";
    public const string TikTokPath = "/api/webhooks/tiktok";

    /// <summary>Shopify <c>X-Shopify-Hmac-Sha256</c>: base64 HMAC-SHA256(client secret, raw body).</summary>
    public static string ShopifyHmac(ReadOnlySpan<byte> body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>TikTok Shop <c>Authorization</c>: lowercase hex HMAC-SHA256(app secret, app key bytes + raw body), no scheme.</summary>
    public static string TikTokAuthorization(ReadOnlySpan<byte> body, string appKey, string appSecret)
    {
        var key = Encoding.UTF8.GetBytes(appKey);
        var message = new byte[key.Length + body.Length];
        key.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(key.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), message));
    }

    /// <summary>Walmart's string to sign: METHOD \n path and query \n timestamp \n lowercase hex SHA-256(body).</summary>
    public static string WalmartStringToSign(string method, string pathAndQuery, long unixSeconds, ReadOnlySpan<byte> body) =>
        string.Join('\n', method.ToUpperInvariant(), pathAndQuery, unixSeconds.ToString(CultureInfo.InvariantCulture), Convert.ToHexStringLower(SHA256.HashData(body)));

    /// <summary>Walmart <c>WM_SEC.SIGNATURE</c>: base64 HMAC-SHA256(webhook secret, <see cref="WalmartStringToSign"/>).</summary>
    public static string WalmartSignature(string method, string pathAndQuery, long unixSeconds, ReadOnlySpan<byte> body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(WalmartStringToSign(method, pathAndQuery, unixSeconds, body))));

    /// <summary>Walmart <c>HMAC</c> auth method: HMAC-SHA256(client secret, raw body), base64 or lowercase hex (Walmart does not say which).</summary>
    public static string WalmartHmac(ReadOnlySpan<byte> body, string secret, bool hex = false)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return hex ? Convert.ToHexStringLower(mac) : Convert.ToBase64String(mac);
    }

    /// <summary>Base64 of "userName:password" (UTF-8), the credential of Basic auth.</summary>
    public static string BasicCredential(string userNameAndPassword) => Convert.ToBase64String(Encoding.UTF8.GetBytes(userNameAndPassword));

    /// <summary>An HTTPS delivery from Shopify, headers as Shopify sends them (CHANNELS.md 1.1).</summary>
    public static SignedWebhook Shopify(
        ReadOnlyMemory<byte> body, string topic, string shopDomain, string secret, string webhookId,
        string? eventId = null, DateTimeOffset? triggeredAt = null, string apiVersion = "2026-10")
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Shopify-Topic"] = topic,
            ["X-Shopify-Hmac-Sha256"] = ShopifyHmac(body.Span, secret),
            ["X-Shopify-Shop-Domain"] = shopDomain,
            ["X-Shopify-API-Version"] = apiVersion,
            ["X-Shopify-Webhook-Id"] = webhookId,
        };
        if (eventId is not null)
        {
            headers["X-Shopify-Event-Id"] = eventId;
        }

        if (triggeredAt is { } at)
        {
            headers["X-Shopify-Triggered-At"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        return new SignedWebhook(SalesChannel.Shopify, ShopifyPath, headers, body, "application/json") { DeliveryId = webhookId };
    }

    /// <summary>
    /// A call from an EventBridge API destination (CHANNELS.md 2.5). The connection's credential: with
    /// <paramref name="credentialHeader"/> <c>Authorization</c> it is Basic (<paramref name="secret"/> is
    /// "userName:password"), otherwise an API key sent verbatim in that header. The body is not signed.
    /// </summary>
    /// <param name="notificationId">The SP-API NotificationId inside the body, the de-dup key.</param>
    public static SignedWebhook Amazon(ReadOnlyMemory<byte> body, string notificationId, string credentialHeader, string secret)
    {
        var value = string.Equals(credentialHeader, "Authorization", StringComparison.OrdinalIgnoreCase)
            ? "Basic " + BasicCredential(secret)
            : secret;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [credentialHeader] = value,
            ["User-Agent"] = "Amazon/EventBridge/ApiDestinations",
            ["Range"] = "bytes=0-1048575",
        };
        return new SignedWebhook(SalesChannel.Amazon, AmazonPath, headers, body, "application/json; charset=utf-8") { DeliveryId = notificationId };
    }

    /// <summary>
    /// A Walmart delivery to <c>/api/webhooks/walmart?account={partnerId}</c> authenticated by <paramref name="method"/>:
    /// Header (secret verbatim in <paramref name="credentialHeader"/>), Basic (Base64 of the "user:password" secret in
    /// <paramref name="credentialHeader"/>, default Authorization with a "Basic " prefix), Hmac (base64, or hex when
    /// <paramref name="hexHmac"/>, in <paramref name="credentialHeader"/>), Signature (WM_SEC.TIMESTAMP = <paramref name="signedAt"/>).
    /// </summary>
    /// <param name="eventId">source.eventId inside the body, the de-dup key.</param>
    public static SignedWebhook Walmart(
        ReadOnlyMemory<byte> body, string eventId, string partnerId, WalmartAuthMethod method, string secret,
        string? credentialHeader = null, DateTimeOffset? signedAt = null, bool hexHmac = false)
    {
        var path = $"{WalmartPath}?account={Uri.EscapeDataString(partnerId)}";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        switch (method)
        {
            case WalmartAuthMethod.Header:
                headers[RequireHeader(credentialHeader, method)] = secret;
                break;
            case WalmartAuthMethod.Basic:
                var header = credentialHeader ?? "Authorization";
                var basic = BasicCredential(secret);
                headers[header] = string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase) ? "Basic " + basic : basic;
                break;
            case WalmartAuthMethod.Hmac:
                headers[RequireHeader(credentialHeader, method)] = WalmartHmac(body.Span, secret, hexHmac);
                break;
            case WalmartAuthMethod.Signature:
                var timestamp = (signedAt ?? throw new ArgumentNullException(nameof(signedAt), "The Signature method signs a timestamp: give signedAt.")).ToUnixTimeSeconds();
                headers["WM_SEC.TIMESTAMP"] = timestamp.ToString(CultureInfo.InvariantCulture);
                headers["WM_SEC.SIGNATURE"] = WalmartSignature("POST", path, timestamp, body.Span, secret);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown Walmart auth method.");
        }

        return new SignedWebhook(SalesChannel.Walmart, path, headers, body, "application/json") { DeliveryId = eventId };
    }

    /// <summary>A TikTok Shop delivery: <c>Authorization</c> = <see cref="TikTokAuthorization"/>.</summary>
    /// <param name="notificationId">tts_notification_id inside the body, the de-dup key.</param>
    public static SignedWebhook TikTok(ReadOnlyMemory<byte> body, string notificationId, string appKey, string appSecret)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Authorization"] = TikTokAuthorization(body.Span, appKey, appSecret),
        };
        return new SignedWebhook(SalesChannel.TikTokShop, TikTokPath, headers, body, "application/json") { DeliveryId = notificationId };
    }

    private static string RequireHeader(string? credentialHeader, WalmartAuthMethod method) =>
        string.IsNullOrWhiteSpace(credentialHeader)
            ? throw new ArgumentException($"The Walmart {method} method needs the header name (the subscription's authHeaderName).", nameof(credentialHeader))
            : credentialHeader;
}
