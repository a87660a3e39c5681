using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// The order lists the missed-webhook backstop reads, over the documents the stub already serves (put with
/// <see cref="Put"/>, the Put*Order methods and <see cref="PutShopifyOrder"/>), filtered by the channel's version of
/// each, oldest change first, in pages of the size asked for:
/// Amazon <c>GET /orders/v0/orders?LastUpdatedAfter&amp;LastUpdatedBefore&amp;MaxResultsPerPage&amp;NextToken</c>,
/// Walmart <c>GET /v3/orders?lastModifiedStartDate&amp;lastModifiedEndDate&amp;limit</c> (<c>meta.nextCursor</c>),
/// TikTok <c>POST /order/202309/orders/search</c> (body <c>update_time_ge</c>/<c>update_time_lt</c>, signed, <c>page_token</c>),
/// Shopify GraphQL <c>POST /admin/api/{version}/graphql.json</c> (<c>orders</c> with an <c>updated_at</c> query) and the
/// REST order <c>GET /admin/api/{version}/orders/{id}.json</c>. Injected failures (<see cref="FailNext"/>) apply;
/// <see cref="LimitOrderSearchRate"/> makes list calls closer together than a given interval answer 429 with Retry-After.
/// </summary>
public sealed partial class StubMarketplace
{
    private readonly ConcurrentDictionary<string, string> _shopify = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SalesChannel, TimeSpan> _searchIntervals = new();
    private readonly ConcurrentDictionary<SalesChannel, DateTimeOffset> _lastSearch = new();
    private readonly Lock _searchLock = new();

    /// <summary>Serves <paramref name="orderJson"/> (a Shopify REST Order resource, the body of an orders webhook) to the order read and the GraphQL list.</summary>
    public void PutShopifyOrder(string orderId, string orderJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderJson);
        _shopify[orderId] = orderJson;
    }

    /// <summary>
    /// From now on a list call of <paramref name="channel"/> less than <paramref name="minInterval"/> after the previous one
    /// answered is refused with 429 and <c>Retry-After</c> (whole seconds, at least 1) until the interval has passed.
    /// </summary>
    public void LimitOrderSearchRate(SalesChannel channel, TimeSpan minInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(minInterval, TimeSpan.Zero);
        _searchIntervals[channel] = minInterval;
    }

    private void MapOrderSearch(WebApplication app)
    {
        app.MapGet("/orders/v0/orders", context => SearchAsync(context, SalesChannel.Amazon));
        app.MapGet("/v3/orders", context => SearchAsync(context, SalesChannel.Walmart));
        app.MapPost("/order/202309/orders/search", context => SearchAsync(context, SalesChannel.TikTokShop));
        app.MapPost("/admin/api/{version}/graphql.json", context => SearchAsync(context, SalesChannel.Shopify));
        app.MapGet("/admin/api/{version}/orders/{orderId}.json", ShopifyOrderAsync);
    }

    private async Task SearchAsync(HttpContext context, SalesChannel channel)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        if (await NextFaultAsync(context, channel, receivedAt) is { } fault)
        {
            await AnswerAsync(context, channel, receivedAt, fault.StatusCode, SearchError(channel, "Injected failure."), "injected", fault);
            return;
        }

        if (Throttled(channel, receivedAt) is { } wait)
        {
            await AnswerAsync(context, channel, receivedAt, StatusCodes.Status429TooManyRequests, SearchError(channel, "Too many requests."), "rate limited", new StubFault(429, wait, null, null));
            return;
        }

        var refusal = channel == SalesChannel.TikTokShop
            ? CheckTikTokCredentials(context, receivedAt, body)?.Message
            : string.IsNullOrEmpty(Header(context, TokenHeader(channel))) ? $"{TokenHeader(channel)} missing" : null;
        if (refusal is not null)
        {
            await AnswerAsync(context, channel, receivedAt, StatusCodes.Status401Unauthorized, SearchError(channel, refusal), refusal);
            return;
        }

        var query = context.Request.Query;
        var request = channel is SalesChannel.TikTokShop or SalesChannel.Shopify ? JsonNode.Parse(body) : null;
        var (from, until, size, offset) = channel switch
        {
            SalesChannel.Amazon => (Iso(query["LastUpdatedAfter"]), Iso(query["LastUpdatedBefore"]), Int(query["MaxResultsPerPage"], 100), Offset(query["NextToken"])),
            SalesChannel.Walmart => (Iso(query["lastModifiedStartDate"]), Iso(query["lastModifiedEndDate"]), Int(query["limit"], 100), Offset(query["cursor"])),
            SalesChannel.TikTokShop => (
                DateTimeOffset.FromUnixTimeSeconds(request?["update_time_ge"]?.GetValue<long>() ?? 0),
                DateTimeOffset.FromUnixTimeSeconds(request?["update_time_lt"]?.GetValue<long>() ?? 253_402_300_799),
                Int(query["page_size"], 50), Offset(query["page_token"])),
            _ => ShopifyWindow(request),
        };

        var matching = Versions(channel)
            .Where(o => o.UpdatedAt >= from && o.UpdatedAt < until)
            .OrderBy(o => o.UpdatedAt).ThenBy(o => o.Id, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip(offset).Take(size).ToList();
        var next = offset + page.Count < matching.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        // Walmart's nextCursor is the whole query of the next page (the window included), sent back as is.
        var walmartNext = next is null ? null
            : "?" + string.Join('&', query.Where(q => q.Key != "cursor").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}").Append($"cursor={next}"));
        await AnswerAsync(context, channel, receivedAt, StatusCodes.Status200OK, ListAnswer(channel, page, channel == SalesChannel.Walmart ? walmartNext : next, size, matching.Count), $"listed {page.Count}");
    }

    private async Task ShopifyOrderAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        if (await NextFaultAsync(context, SalesChannel.Shopify, receivedAt) is { } fault)
        {
            await AnswerAsync(context, SalesChannel.Shopify, receivedAt, fault.StatusCode, SearchError(SalesChannel.Shopify, "Injected failure."), "injected", fault);
            return;
        }

        var id = (string)context.Request.RouteValues["orderId"]!;
        var token = Header(context, "X-Shopify-Access-Token");
        if (string.IsNullOrEmpty(token))
        {
            await AnswerAsync(context, SalesChannel.Shopify, receivedAt, StatusCodes.Status401Unauthorized, SearchError(SalesChannel.Shopify, "X-Shopify-Access-Token missing"), "token missing");
            return;
        }

        if (ExpiredIssuedToken(SalesChannel.Shopify, token, "X-Shopify-Access-Token") is { } expired)
        {
            await AnswerAsync(context, SalesChannel.Shopify, receivedAt, StatusCodes.Status401Unauthorized, """{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}""", expired);
            return;
        }

        if (!_shopify.TryGetValue(id, out var order))
        {
            await AnswerAsync(context, SalesChannel.Shopify, receivedAt, StatusCodes.Status404NotFound, """{"errors":"Not Found"}""", "not found");
            return;
        }

        await AnswerAsync(context, SalesChannel.Shopify, receivedAt, StatusCodes.Status200OK, new JsonObject { ["order"] = JsonNode.Parse(order) }.ToJsonString(), "served");
    }

    /// <summary>The wait left before the next list call is allowed, when calls come faster than the configured interval.</summary>
    private TimeSpan? Throttled(SalesChannel channel, DateTimeOffset now)
    {
        if (!_searchIntervals.TryGetValue(channel, out var interval))
        {
            return null;
        }

        lock (_searchLock)
        {
            if (_lastSearch.TryGetValue(channel, out var last) && now - last < interval)
            {
                var left = interval - (now - last);
                return left < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left;
            }

            _lastSearch[channel] = now;
            return null;
        }
    }

    /// <summary>Every stored order of the channel with the channel's version of it: the field the app converges on.</summary>
    private IEnumerable<(string Id, DateTimeOffset UpdatedAt, JsonNode Order)> Versions(SalesChannel channel)
    {
        switch (channel)
        {
            case SalesChannel.Amazon:
                foreach (var (id, (order, _)) in _amazon)
                {
                    var payload = JsonNode.Parse(order)!["payload"]!;
                    yield return (id, DateTimeOffset.Parse(payload["LastUpdateDate"]!.GetValue<string>(), CultureInfo.InvariantCulture), payload);
                }

                break;
            case SalesChannel.Walmart:
                foreach (var (id, json) in _walmart)
                {
                    var order = JsonNode.Parse(json)!["order"]!;
                    var latest = (order["orderLines"]!["orderLine"] as JsonArray ?? []).Max(l => ToLong(l!["statusDate"]!));
                    yield return (id, DateTimeOffset.FromUnixTimeMilliseconds(latest), order);
                }

                break;
            case SalesChannel.TikTokShop:
                foreach (var (id, json) in _tiktok)
                {
                    var node = JsonNode.Parse(json)!;
                    var order = node["data"]?["orders"]?[0] ?? node;
                    yield return (id, DateTimeOffset.FromUnixTimeSeconds(ToLong(order["update_time"]!)), order);
                }

                break;
            default:
                foreach (var (id, json) in _shopify)
                {
                    var order = JsonNode.Parse(json)!;
                    yield return (id, DateTimeOffset.Parse(order["updated_at"]!.GetValue<string>(), CultureInfo.InvariantCulture), order);
                }

                break;
        }
    }

    private static string ListAnswer(SalesChannel channel, IReadOnlyList<(string Id, DateTimeOffset UpdatedAt, JsonNode Order)> page, string? next, int size, int total) => channel switch
    {
        SalesChannel.Amazon => new JsonObject
        {
            ["payload"] = new JsonObject
            {
                ["Orders"] = new JsonArray([.. page.Select(o => o.Order.DeepClone())]),
                ["NextToken"] = next,
            },
        }.ToJsonString(),
        SalesChannel.Walmart => new JsonObject
        {
            ["list"] = new JsonObject
            {
                ["meta"] = new JsonObject
                {
                    ["totalCount"] = total,
                    ["limit"] = size,
                    ["nextCursor"] = next,
                },
                ["elements"] = new JsonObject { ["order"] = new JsonArray([.. page.Select(o => o.Order.DeepClone())]) },
            },
        }.ToJsonString(),
        SalesChannel.TikTokShop => new JsonObject
        {
            ["code"] = 0,
            ["message"] = "Success",
            ["request_id"] = NewRequestId(),
            ["data"] = new JsonObject
            {
                ["orders"] = new JsonArray([.. page.Select(o => o.Order.DeepClone())]),
                ["next_page_token"] = next ?? string.Empty,
                ["total_count"] = total,
            },
        }.ToJsonString(),
        _ => new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["orders"] = new JsonObject
                {
                    ["nodes"] = new JsonArray([.. page.Select(o => (JsonNode)new JsonObject
                    {
                        ["legacyResourceId"] = o.Id,
                        ["updatedAt"] = o.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    })]),
                    ["pageInfo"] = new JsonObject { ["hasNextPage"] = next is not null, ["endCursor"] = next },
                },
            },
        }.ToJsonString(),
    };

    /// <summary>The window of the GraphQL <c>orders</c> query: <c>updated_at:&gt;='…' updated_at:&lt;'…'</c>; size <c>first</c>, cursor <c>after</c>.</summary>
    private static (DateTimeOffset From, DateTimeOffset Until, int Size, int Offset) ShopifyWindow(JsonNode? request)
    {
        var variables = request?["variables"];
        var search = variables?["query"]?.GetValue<string>() ?? string.Empty;
        var from = ShopifyFrom().Match(search) is { Success: true } f ? DateTimeOffset.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
        var until = ShopifyUntil().Match(search) is { Success: true } u ? DateTimeOffset.Parse(u.Groups[1].Value, CultureInfo.InvariantCulture) : DateTimeOffset.MaxValue;
        var size = variables?["first"]?.GetValue<int>() ?? 50;
        var after = variables?["after"] is JsonValue a && a.TryGetValue<string>(out var cursor) ? cursor : null;
        return (from, until, size, Offset(after));
    }

    private static string TokenHeader(SalesChannel channel) => channel switch
    {
        SalesChannel.Amazon => "x-amz-access-token",
        SalesChannel.Walmart => "WM_SEC.ACCESS_TOKEN",
        _ => "X-Shopify-Access-Token",
    };

    private static string SearchError(SalesChannel channel, string message) => channel switch
    {
        SalesChannel.Amazon => AmazonError("QuotaExceeded", message),
        SalesChannel.Walmart => WalmartError("REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API", null, message),
        SalesChannel.TikTokShop => TikTokError(36009004, message, NewRequestId()),
        _ => new JsonObject { ["errors"] = message }.ToJsonString(),
    };

    private static DateTimeOffset Iso(Microsoft.Extensions.Primitives.StringValues value) =>
        DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : DateTimeOffset.MinValue;

    private static int Int(Microsoft.Extensions.Primitives.StringValues value, int fallback) =>
        int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    private static int Offset(string? token) => int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0;

    private static long ToLong(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<long>(out var n) ? n : long.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture);

    [GeneratedRegex("updated_at:>='([^']+)'")]
    private static partial Regex ShopifyFrom();

    [GeneratedRegex("updated_at:<'([^']+)'")]
    private static partial Regex ShopifyUntil();
}
