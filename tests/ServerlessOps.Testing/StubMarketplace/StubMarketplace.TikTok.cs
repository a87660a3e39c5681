using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// TikTok Shop Get Order Detail, GET /order/202309/orders?ids=..&amp;app_key=..&amp;timestamp=..&amp;shop_cipher=..&amp;sign=..
/// with x-tts-access-token. The sign is recomputed here independently of production code (secret + path +
/// sorted key/value pairs without sign and access_token + secret, HMAC-SHA256, hex) and the timestamp must be
/// within 5 minutes. Refusals answer 401 with a TikTok-style body (<c>code</c>, <c>message</c>, <c>request_id</c>);
/// the codes are the stub's own, not TikTok's catalogue.
/// </summary>
public sealed partial class StubMarketplace
{
    private const long TikTokCodeInvalidCredentials = 105002;
    private const long TikTokCodeInvalidSign = 106001;
    private const long TikTokCodeTimestampExpired = 106002;
    private static readonly TimeSpan _tikTokTimestampWindow = TimeSpan.FromMinutes(5);

    private void MapTikTok(WebApplication app) =>
        app.MapGet("/order/202309/orders", TikTokAsync);

    private async Task TikTokAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var requestId = receivedAt.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

        if (await NextFaultAsync(context, SalesChannel.TikTokShop, receivedAt) is { } fault)
        {
            var code = fault.TikTokCode ?? (fault.StatusCode == StatusCodes.Status429TooManyRequests ? 36009004 : 36009003);
            var message = fault.TikTokMessage ?? "Injected failure.";
            await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, fault.StatusCode, TikTokError(code, message, requestId), "injected", fault);
            return;
        }

        var refusal = CheckTikTokCredentials(context, receivedAt);
        if (refusal is { } why)
        {
            await AnswerAsync(
                context, SalesChannel.TikTokShop, receivedAt, StatusCodes.Status401Unauthorized, TikTokError(why.Code, why.Message, requestId), why.Message);
            return;
        }

        var ids = context.Request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 1 && _tiktok.TryGetValue(ids[0], out var stored) && JsonNode.Parse(stored)?["data"] is not null)
        {
            await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, StatusCodes.Status200OK, stored, "served");
            return;
        }

        var orders = new JsonArray();
        foreach (var id in ids)
        {
            if (_tiktok.TryGetValue(id, out var json))
            {
                foreach (var order in OrdersIn(JsonNode.Parse(json)!, id))
                {
                    orders.Add(order);
                }
            }
        }

        var body = new JsonObject
        {
            ["code"] = 0,
            ["message"] = "Success",
            ["request_id"] = requestId,
            ["data"] = new JsonObject { ["orders"] = orders },
        };
        await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, StatusCodes.Status200OK, body.ToJsonString(), orders.Count == 0 ? "not found" : "served");
    }

    private (long Code, string Message)? CheckTikTokCredentials(HttpContext context, DateTimeOffset now)
    {
        var query = context.Request.Query;
        var token = Header(context, "x-tts-access-token");
        var appKey = query["app_key"].ToString();
        var timestamp = query["timestamp"].ToString();
        var sign = query["sign"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            return (TikTokCodeInvalidCredentials, "x-tts-access-token missing");
        }

        if (string.IsNullOrEmpty(appKey) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(sign))
        {
            return (TikTokCodeInvalidSign, "app_key, timestamp or sign missing");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > _tikTokTimestampWindow)
        {
            return (TikTokCodeTimestampExpired, "timestamp missing or more than 5 minutes off");
        }

        if (_tiktokExpectation is not { } expected)
        {
            return null;
        }

        if (!SameSecret(token, expected.AccessToken))
        {
            return (TikTokCodeInvalidCredentials, "x-tts-access-token wrong");
        }

        if (!string.Equals(appKey, expected.AppKey, StringComparison.Ordinal))
        {
            return (TikTokCodeInvalidCredentials, "app_key unknown");
        }

        var message = new StringBuilder(expected.AppSecret).Append(context.Request.Path.Value);
        foreach (var pair in query.Where(p => p.Key is not "sign" and not "access_token").OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            message.Append(pair.Key).Append(pair.Value.ToString());
        }

        message.Append(expected.AppSecret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(expected.AppSecret), Encoding.UTF8.GetBytes(message.ToString()));
        return SameSecret(sign, Convert.ToHexStringLower(mac)) ? null : (TikTokCodeInvalidSign, "sign wrong");
    }

    private static IEnumerable<JsonNode> OrdersIn(JsonNode stored, string id)
    {
        if (stored["data"]?["orders"] is JsonArray orders)
        {
            return orders.Where(o => o?["id"]?.GetValue<string>() == id).Select(o => o!.DeepClone());
        }

        return [stored.DeepClone()];
    }

    private static string TikTokError(long code, string message, string requestId) =>
        new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["request_id"] = requestId,
            ["data"] = new JsonObject(),
        }.ToJsonString();
}
