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
/// and Search Returns, POST /return_refund/202309/returns/search?page_size=..[&amp;page_token=..] with body
/// <c>{"order_ids":[..]}</c>, both with x-tts-access-token. The sign is recomputed here independently of production code
/// (secret + path + sorted key/value pairs without sign and access_token + the body of a POST + secret, HMAC-SHA256,
/// hex) and the timestamp must be within 5 minutes. Refusals answer 401 with a TikTok-style body (<c>code</c>,
/// <c>message</c>, <c>request_id</c>); the codes are the stub's own, not TikTok's catalogue.
/// </summary>
public sealed partial class StubMarketplace
{
    private const long TikTokCodeInvalidCredentials = 105002;
    private const long TikTokCodeInvalidSign = 106001;
    private const long TikTokCodeTimestampExpired = 106002;
    private static readonly TimeSpan _tikTokTimestampWindow = TimeSpan.FromMinutes(5);

    private void MapTikTok(WebApplication app)
    {
        app.MapGet("/order/202309/orders", TikTokAsync);
        app.MapPost("/return_refund/202309/returns/search", TikTokReturnsAsync);
    }

    /// <summary>
    /// Serves these <c>return_orders[]</c> entries (see <see cref="Scenarios.TikTokReturnDocuments.Return"/>) for the order in
    /// Search Returns, replacing what was put for it before; an order with none put has no returns.
    /// </summary>
    public void PutTikTokReturns(string orderId, params JsonObject[] returns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentNullException.ThrowIfNull(returns);
        _tiktokReturns[orderId] = new JsonArray([.. returns.Select(r => (JsonNode)r.DeepClone())]).ToJsonString();
    }

    private async Task TikTokReturnsAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var requestId = TikTokRequestId(receivedAt);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();

        if (await NextFaultAsync(context, SalesChannel.TikTokShop, receivedAt) is { } fault)
        {
            var code = fault.TikTokCode ?? (fault.StatusCode == StatusCodes.Status429TooManyRequests ? 36009004 : 36009003);
            await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, fault.StatusCode, TikTokError(code, fault.TikTokMessage ?? "Injected failure.", requestId), "injected", fault);
            return;
        }

        if (CheckTikTokCredentials(context, receivedAt, body) is { } why)
        {
            await AnswerAsync(
                context, SalesChannel.TikTokShop, receivedAt, StatusCodes.Status401Unauthorized, TikTokError(why.Code, why.Message, requestId), why.Message);
            return;
        }

        var orderIds = (JsonNode.Parse(body)?["order_ids"] as JsonArray ?? []).Select(id => id!.GetValue<string>()).ToList();
        var all = orderIds.SelectMany(id => _tiktokReturns.TryGetValue(id, out var json) ? JsonNode.Parse(json)!.AsArray().Select(r => r!.DeepClone()) : []).ToList();
        var pageSize = int.TryParse(context.Request.Query["page_size"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0 ? size : 20;
        var offset = int.TryParse(context.Request.Query["page_token"], NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 0;
        var page = all.Skip(offset).Take(pageSize).ToList();
        var data = new JsonObject { ["return_orders"] = new JsonArray([.. page]), ["total_count"] = all.Count };
        if (offset + pageSize < all.Count)
        {
            data["next_page_token"] = (offset + pageSize).ToString(CultureInfo.InvariantCulture);
        }

        var answer = new JsonObject { ["code"] = 0, ["message"] = "Success", ["request_id"] = requestId, ["data"] = data };
        await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, StatusCodes.Status200OK, answer.ToJsonString(), page.Count == 0 ? "no returns" : "served returns");
    }

    private async Task TikTokAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var requestId = TikTokRequestId(receivedAt);

        if (await NextFaultAsync(context, SalesChannel.TikTokShop, receivedAt) is { } fault)
        {
            var code = fault.TikTokCode ?? (fault.StatusCode == StatusCodes.Status429TooManyRequests ? 36009004 : 36009003);
            var message = fault.TikTokMessage ?? "Injected failure.";
            await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, fault.StatusCode, TikTokError(code, message, requestId), "injected", fault);
            return;
        }

        var refusal = CheckTikTokCredentials(context, receivedAt, body: []);
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

    private (long Code, string Message)? CheckTikTokCredentials(HttpContext context, DateTimeOffset now, byte[] body)
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

        if (ExpiredIssuedToken(SalesChannel.TikTokShop, token, "x-tts-access-token") is { } expired)
        {
            return (TikTokCodeInvalidCredentials, expired);
        }

        if (_tiktokExpectation is not { } expected)
        {
            return null;
        }

        if (!SameSecret(token, expected.AccessToken) && !IsIssuedToken(SalesChannel.TikTokShop, token))
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

        var signed = Encoding.UTF8.GetBytes(message.ToString()).Concat(body).Concat(Encoding.UTF8.GetBytes(expected.AppSecret)).ToArray();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(expected.AppSecret), signed);
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
