using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// The four listing reads the drift checker makes, answered from what the push endpoints recorded
/// (<see cref="PushedQuantity"/>) or what a test set on the "channel side" (<see cref="SetChannelQuantity"/>,
/// <see cref="SetChannelPrice"/>), keyed as <see cref="PushKey"/>:
/// <list type="bullet">
/// <item>Shopify: the GraphQL query of <c>inventoryItem(id:)</c> with <c>inventoryLevel(locationId:)</c> quantities
/// <c>available</c> and <c>variant { price }</c>, at the same endpoint as the push mutation (told apart by a middleware
/// before the push handler, which only takes <c>inventorySetQuantities</c>);</item>
/// <item>Amazon <c>GET /listings/2021-08-01/items/{sellerId}/{sku}?marketplaceIds=</c>: summaries (BUYABLE), issues,
/// <c>fulfillmentAvailability</c> DEFAULT and the B2C offer's price; 404 for a listing never pushed nor set;</item>
/// <item>Walmart <c>GET /v3/inventory?sku=&amp;shipNode=</c>: <c>{sku, quantity{unit, amount}}</c>, no price; 404 when unknown;</item>
/// <item>TikTok Shop <c>GET /product/202309/products/{product_id}</c>, signed: every SKU of the product with its
/// warehouse quantities and price.</item>
/// </list>
/// Reads check the same credentials as the pushes; injected faults are left to the pushes. Every read is in
/// <see cref="Requests"/> (method GET, or outcome <c>read</c> for Shopify's POST).
/// </summary>
public sealed partial class StubMarketplace
{
    private readonly ConcurrentDictionary<(SalesChannel, string), decimal> _prices = new();
    private readonly ConcurrentDictionary<SalesChannel, string> _readBodies = new();

    /// <summary>Sets the price the channel shows for a listing, as an edit on the channel would.</summary>
    public void SetChannelPrice(SalesChannel channel, string listingKey, decimal price) => _prices[(channel, listingKey)] = price;

    /// <summary>Makes every Walmart listing read answer 200 with <paramref name="body"/> as it is (a proxy's page, a changed shape).</summary>
    public void AnswerWalmartReadsWith(string body) => _readBodies[SalesChannel.Walmart] = body;

    /// <summary>The read-backs the stub answered on <paramref name="channel"/>.</summary>
    public int ListingReadCount(SalesChannel channel) => Requests(channel).Count(r => r.Outcome.StartsWith("read", StringComparison.Ordinal));

    private void MapListingReads(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && ShopifyGraphQlPath().IsMatch(context.Request.Path.Value ?? string.Empty))
            {
                context.Request.EnableBuffering();
                var body = await ReadBodyAsync(context);
                context.Request.Body.Position = 0;
                var request = Parse(body);
                var query = request?["query"]?.GetValue<string>() ?? string.Empty;
                if (query.Contains("inventoryItem(", StringComparison.Ordinal) && !query.TrimStart().StartsWith("mutation", StringComparison.Ordinal))
                {
                    await ShopifyReadAsync(context, request!);
                    return;
                }
            }

            await next(context);
        });
        app.MapGet("/listings/2021-08-01/items/{sellerId}/{sku}", AmazonReadAsync);
        app.MapGet("/v3/inventory", WalmartReadAsync);
        app.MapGet("/product/202309/products/{productId}", TikTokReadAsync);
    }

    private (int? Quantity, decimal? Price) Shown(SalesChannel channel, string key) =>
        (_pushed.TryGetValue((channel, key), out var quantity) ? quantity : null, _prices.TryGetValue((channel, key), out var price) ? price : null);

    private async Task ShopifyReadAsync(HttpContext context, JsonNode request)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        if (string.IsNullOrEmpty(Header(context, "X-Shopify-Access-Token")))
        {
            await AnswerAsync(context, SalesChannel.Shopify, receivedAt, StatusCodes.Status401Unauthorized, """{"errors":"[API] Invalid API key or access token"}""", "read: X-Shopify-Access-Token missing");
            return;
        }

        var item = request["variables"]?["item"]?.GetValue<string>();
        var location = request["variables"]?["location"]?.GetValue<string>();
        var (quantity, price) = Shown(SalesChannel.Shopify, $"{Tail(item)}@{Tail(location)}");
        var answer = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["inventoryItem"] = new JsonObject
                {
                    ["variant"] = new JsonObject { ["price"] = price?.ToString("0.00", CultureInfo.InvariantCulture) },
                    ["inventoryLevel"] = quantity is { } units
                        ? new JsonObject { ["quantities"] = new JsonArray(new JsonObject { ["name"] = "available", ["quantity"] = units }) }
                        : null,
                },
            },
        };
        await AnswerAsync(context, SalesChannel.Shopify, receivedAt, StatusCodes.Status200OK, answer.ToJsonString(), "read");
    }

    private async Task AmazonReadAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        context.Response.Headers["x-amzn-RequestId"] = NewRequestId();
        var token = Header(context, "x-amz-access-token");
        if (string.IsNullOrEmpty(token) || (_amazonToken is { } expectedToken && !SameSecret(token, expectedToken) && !IsIssuedToken(SalesChannel.Amazon, token)))
        {
            await AnswerAsync(context, SalesChannel.Amazon, receivedAt, StatusCodes.Status401Unauthorized, AmazonError("Unauthorized", "Access to requested resource is denied."), "read: x-amz-access-token missing or wrong");
            return;
        }

        var sellerId = (string)context.Request.RouteValues["sellerId"]!;
        var sku = (string)context.Request.RouteValues["sku"]!;
        var marketplace = context.Request.Query["marketplaceIds"].ToString();
        var (quantity, price) = Shown(SalesChannel.Amazon, $"{sellerId}/{sku}@{marketplace}");
        if (quantity is null && price is null)
        {
            await AnswerAsync(context, SalesChannel.Amazon, receivedAt, StatusCodes.Status404NotFound, AmazonError("NOT_FOUND", $"SKU '{sku}' not found in marketplace {marketplace}"), "read: not found");
            return;
        }

        var answer = new JsonObject
        {
            ["sku"] = sku,
            ["summaries"] = new JsonArray(new JsonObject { ["marketplaceId"] = marketplace, ["status"] = new JsonArray("BUYABLE", "DISCOVERABLE") }),
            ["issues"] = new JsonArray(),
            ["fulfillmentAvailability"] = quantity is { } units ? new JsonArray(new JsonObject { ["fulfillmentChannelCode"] = "DEFAULT", ["quantity"] = units }) : new JsonArray(),
            ["offers"] = price is { } amount
                ? new JsonArray(new JsonObject
                {
                    ["marketplaceId"] = marketplace,
                    ["offerType"] = "B2C",
                    ["price"] = new JsonObject { ["currencyCode"] = "USD", ["amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture) },
                })
                : new JsonArray(),
        };
        await AnswerAsync(context, SalesChannel.Amazon, receivedAt, StatusCodes.Status200OK, answer.ToJsonString(), "read");
    }

    private async Task WalmartReadAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var token = Header(context, "WM_SEC.ACCESS_TOKEN");
        if (string.IsNullOrEmpty(token) || (_walmartToken is { } expectedToken && !SameSecret(token, expectedToken) && !IsIssuedToken(SalesChannel.Walmart, token)))
        {
            await AnswerAsync(context, SalesChannel.Walmart, receivedAt, StatusCodes.Status401Unauthorized, WalmartError("UNAUTHORIZED.GMP_GATEWAY_API", null, "Unauthorized token."), "read: WM_SEC.ACCESS_TOKEN missing or wrong");
            return;
        }

        if (_readBodies.TryGetValue(SalesChannel.Walmart, out var body))
        {
            await AnswerAsync(context, SalesChannel.Walmart, receivedAt, StatusCodes.Status200OK, body, "read: body as set");
            return;
        }

        var sku = context.Request.Query["sku"].ToString();
        var (quantity, _) = Shown(SalesChannel.Walmart, $"{sku}@{context.Request.Query["shipNode"]}");
        if (quantity is not { } units)
        {
            await AnswerAsync(context, SalesChannel.Walmart, receivedAt, StatusCodes.Status404NotFound, WalmartError("CONTENT_NOT_FOUND.GMP_INVENTORY_API", "sku", $"No inventory for SKU {sku}."), "read: not found");
            return;
        }

        var answer = new JsonObject { ["sku"] = sku, ["quantity"] = new JsonObject { ["unit"] = "EACH", ["amount"] = units } };
        await AnswerAsync(context, SalesChannel.Walmart, receivedAt, StatusCodes.Status200OK, answer.ToJsonString(), "read");
    }

    private async Task TikTokReadAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var requestId = TikTokRequestId(receivedAt);
        if (CheckTikTokCredentials(context, receivedAt, []) is { } why)
        {
            await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, StatusCodes.Status401Unauthorized, TikTokError(why.Code, why.Message, requestId), $"read: {why.Message}");
            return;
        }

        var productId = (string)context.Request.RouteValues["productId"]!;
        var prefix = productId + "/";
        var skus = new JsonArray();
        foreach (var group in _pushed.Keys.Concat(_prices.Keys).Distinct()
            .Where(k => k.Item1 == SalesChannel.TikTokShop && k.Item2.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k.Item2[prefix.Length..])
            .GroupBy(rest => rest[..rest.IndexOf('@', StringComparison.Ordinal)]))
        {
            var inventory = new JsonArray();
            decimal? price = null;
            foreach (var rest in group)
            {
                var (quantity, shownPrice) = Shown(SalesChannel.TikTokShop, prefix + rest);
                price ??= shownPrice;
                if (quantity is { } units)
                {
                    inventory.Add(new JsonObject { ["warehouse_id"] = rest[(rest.IndexOf('@', StringComparison.Ordinal) + 1)..], ["quantity"] = units });
                }
            }

            var text = price?.ToString("0.00", CultureInfo.InvariantCulture);
            skus.Add(new JsonObject
            {
                ["id"] = group.Key,
                ["inventory"] = inventory,
                ["price"] = text is null ? null : new JsonObject { ["currency"] = "USD", ["sale_price"] = text, ["tax_exclusive_price"] = text },
            });
        }

        var answer = new JsonObject { ["code"] = 0, ["message"] = "Success", ["request_id"] = requestId, ["data"] = new JsonObject { ["id"] = productId, ["status"] = "ACTIVATE", ["skus"] = skus } };
        await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, StatusCodes.Status200OK, answer.ToJsonString(), "read");
    }

    [GeneratedRegex("^/shops/[^/]+/admin/api/[^/]+/graphql\\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex ShopifyGraphQlPath();
}
