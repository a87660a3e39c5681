using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// The four inventory pushes (CHANNELS.md 1.8, 2.8, 3.6, 4.6), validated as the channel would and recorded per listing:
/// <list type="bullet">
/// <item>Shopify <c>POST /shops/{shop}/admin/api/{version}/graphql.json</c>, <c>inventorySetQuantities</c> with name
/// <c>available</c>, an <c>@idempotent</c> key (a repeated key is answered without applying again) and
/// <c>changeFromQuantity</c> present (explicit null allowed); a compare that is not the level held answers
/// <c>COMPARE_QUANTITY_STALE</c> in <c>userErrors</c> (HTTP 200);</item>
/// <item>Amazon <c>PATCH /listings/2021-08-01/items/{sellerId}/{sku}?marketplaceIds=</c>, a <c>productType</c> and a
/// <c>merge</c>/<c>replace</c> of <c>/attributes/fulfillment_availability</c> with <c>fulfillment_channel_code</c> DEFAULT
/// → <c>ACCEPTED</c>;</item>
/// <item>Walmart <c>PUT /v3/inventory?sku=&amp;shipNode=</c>, body sku equal to the query's, unit EACH;</item>
/// <item>TikTok Shop <c>POST /product/202309/products/{product_id}/inventory/update</c>, signed like the order reads,
/// quantity 0 to 99,999.</item>
/// </list>
/// Injected failures (<see cref="FailNext"/>, <see cref="StallNext"/>) apply before any check; every call is in
/// <see cref="Requests"/>. <see cref="PushedQuantity"/> answers the last quantity accepted per listing, so a drift read
/// can be served from it later.
/// </summary>
public sealed partial class StubMarketplace
{
    private readonly ConcurrentDictionary<(SalesChannel, string), int> _pushed = new();
    private readonly ConcurrentDictionary<string, bool> _shopifyIdempotencyKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StubInventoryPush> _pushes = new();

    /// <summary>The key the stub records a listing's pushes under, from the catalog listing and the account it is pushed through.</summary>
    public static string PushKey(ChannelListing listing, string accountId)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return listing.Channel switch
        {
            SalesChannel.Shopify => $"{Tail(listing.InventoryItemId)}@{Tail(listing.LocationId)}",
            SalesChannel.Amazon => $"{accountId}/{listing.ChannelSku}@{listing.MarketplaceId}",
            SalesChannel.Walmart => $"{listing.ChannelSku}@{listing.ShipNode}",
            _ => $"{listing.ProductId}/{listing.SkuId}@{listing.WarehouseId}",
        };
    }

    /// <summary>The quantity last accepted for the listing; null when none was pushed.</summary>
    public int? PushedQuantity(SalesChannel channel, string listingKey) =>
        _pushed.TryGetValue((channel, listingKey), out var quantity) ? quantity : null;

    /// <summary>Every push accepted on <paramref name="channel"/>, oldest first.</summary>
    public IReadOnlyList<StubInventoryPush> InventoryPushes(SalesChannel channel) => [.. _pushes.Where(p => p.Channel == channel)];

    /// <summary>Sets what the channel shows for a listing, as an edit on the channel itself would (drift, a stale compare).</summary>
    public void SetChannelQuantity(SalesChannel channel, string listingKey, int quantity) => _pushed[(channel, listingKey)] = quantity;

    private void MapInventoryPush(WebApplication app)
    {
        app.MapPost("/shops/{shop}/admin/api/{version}/graphql.json", ShopifyPushAsync);
        app.MapMethods("/listings/2021-08-01/items/{sellerId}/{sku}", ["PATCH"], AmazonPushAsync);
        app.MapPut("/v3/inventory", WalmartPushAsync);
        app.MapPost("/product/202309/products/{productId}/inventory/update", TikTokPushAsync);
    }

    private void Accept(SalesChannel channel, string key, int quantity, DateTimeOffset at)
    {
        _pushed[(channel, key)] = quantity;
        _pushes.Enqueue(new StubInventoryPush(channel, key, quantity, at));
    }

    private async Task ShopifyPushAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var body = await ReadBodyAsync(context);
        if (!await ShopifyListingCallPassesAsync(context, receivedAt, ""))
        {
            return;
        }

        var request = Parse(body);
        var query = request?["query"]?.GetValue<string>() ?? string.Empty;
        var variables = request?["variables"];
        var input = variables?["input"];
        var line = (input?["quantities"] as JsonArray)?.FirstOrDefault();
        var key = variables?["idempotencyKey"]?.GetValue<string>();
        var problem =
            !query.Contains("inventorySetQuantities", StringComparison.Ordinal) ? "not an inventorySetQuantities mutation"
            : !query.Contains("@idempotent", StringComparison.Ordinal) || string.IsNullOrEmpty(key) ? "@idempotent key missing (required from 2026-04)"
            : input?["name"]?.GetValue<string>() != "available" ? "input.name must be available"
            : line is null || line["inventoryItemId"] is null || line["locationId"] is null || Int(line["quantity"]) is not >= 0 ? "quantities[0] needs inventoryItemId, locationId and a quantity >= 0"
            : !line.AsObject().ContainsKey("changeFromQuantity") ? "changeFromQuantity must be given (explicit null opts out)"
            : null;
        if (problem is not null)
        {
            var errors = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = problem }) };
            await AnswerAsync(context, SalesChannel.Shopify, receivedAt, StatusCodes.Status200OK, errors.ToJsonString(), $"invalid: {problem}");
            return;
        }

        var listingKey = $"{Tail(line!["inventoryItemId"]!.GetValue<string>())}@{Tail(line["locationId"]!.GetValue<string>())}";
        var quantity = Int(line["quantity"])!.Value;
        var compare = Int(line["changeFromQuantity"]);
        var userErrors = new JsonArray();
        var outcome = "set";
        if (!_shopifyIdempotencyKeys.TryAdd(key!, true))
        {
            outcome = "repeated idempotency key: not applied again";
        }
        else if (compare is { } expected && _pushed.TryGetValue((SalesChannel.Shopify, listingKey), out var held) && held != expected)
        {
            _shopifyIdempotencyKeys.TryRemove(key!, out _);
            userErrors.Add(new JsonObject { ["code"] = "COMPARE_QUANTITY_STALE", ["field"] = new JsonArray("input", "quantities", "0", "changeFromQuantity"), ["message"] = $"The compare quantity {expected} does not match the level {held}." });
            outcome = "compare stale";
        }
        else
        {
            Accept(SalesChannel.Shopify, listingKey, quantity, receivedAt);
        }

        var answer = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["inventorySetQuantities"] = new JsonObject
                {
                    ["inventoryAdjustmentGroup"] = userErrors.Count == 0 ? new JsonObject { ["id"] = "gid://shopify/InventoryAdjustmentGroup/" + NewRequestId() } : null,
                    ["userErrors"] = userErrors,
                },
            },
        };
        await AnswerAsync(context, SalesChannel.Shopify, receivedAt, StatusCodes.Status200OK, answer.ToJsonString(), outcome);
    }

    private async Task AmazonPushAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var body = await ReadBodyAsync(context);
        if (!await AmazonListingCallPassesAsync(context, receivedAt, ""))
        {
            return;
        }

        var sellerId = (string)context.Request.RouteValues["sellerId"]!;
        var sku = (string)context.Request.RouteValues["sku"]!;
        var marketplace = context.Request.Query["marketplaceIds"].ToString();
        var request = Parse(body);
        var patch = (request?["patches"] as JsonArray)?.FirstOrDefault();
        var value = (patch?["value"] as JsonArray)?.FirstOrDefault();
        var quantity = Int(value?["quantity"]);
        var problem =
            string.IsNullOrEmpty(marketplace) ? "marketplaceIds is required"
            : string.IsNullOrEmpty(request?["productType"]?.GetValue<string>()) ? "productType is required"
            : patch?["op"]?.GetValue<string>() is not ("merge" or "replace") ? "patches[0].op must be merge or replace"
            : patch["path"]?.GetValue<string>() != "/attributes/fulfillment_availability" ? "patches[0].path must be /attributes/fulfillment_availability"
            : value?["fulfillment_channel_code"]?.GetValue<string>() != "DEFAULT" ? "fulfillment_channel_code must be DEFAULT (seller fulfilled)"
            : quantity is not >= 0 ? "quantity must be a whole number >= 0"
            : null;
        if (problem is not null)
        {
            await AnswerAsync(context, SalesChannel.Amazon, receivedAt, StatusCodes.Status400BadRequest, AmazonError("InvalidInput", problem), $"invalid: {problem}");
            return;
        }

        Accept(SalesChannel.Amazon, $"{sellerId}/{sku}@{marketplace}", quantity!.Value, receivedAt);
        var answer = new JsonObject { ["sku"] = sku, ["status"] = "ACCEPTED", ["submissionId"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), ["issues"] = new JsonArray() };
        await AnswerAsync(context, SalesChannel.Amazon, receivedAt, StatusCodes.Status200OK, answer.ToJsonString(), "accepted");
    }

    private async Task WalmartPushAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var body = await ReadBodyAsync(context);
        if (!await WalmartListingCallPassesAsync(context, receivedAt, ""))
        {
            return;
        }

        var correlationId = Header(context, "WM_QOS.CORRELATION_ID");
        var sku = context.Request.Query["sku"].ToString();
        var shipNode = context.Request.Query["shipNode"].ToString();
        var request = Parse(body);
        var amount = Int(request?["quantity"]?["amount"]);
        var problem =
            string.IsNullOrEmpty(correlationId) || string.IsNullOrEmpty(Header(context, "WM_SVC.NAME")) ? "WM_QOS.CORRELATION_ID and WM_SVC.NAME are required"
            : string.IsNullOrEmpty(sku) ? "query sku is required"
            : request?["sku"]?.GetValue<string>() != sku ? "body sku must equal the query's"
            : request?["quantity"]?["unit"]?.GetValue<string>() != "EACH" ? "quantity.unit must be EACH"
            : amount is not >= 0 ? "quantity.amount must be a whole number >= 0"
            : null;
        if (problem is not null)
        {
            await AnswerAsync(context, SalesChannel.Walmart, receivedAt, StatusCodes.Status400BadRequest, WalmartError("INVALID_REQUEST.GMP_INVENTORY_API", "quantity", problem), $"invalid: {problem}");
            return;
        }

        Accept(SalesChannel.Walmart, $"{sku}@{shipNode}", amount!.Value, receivedAt);
        var answer = new JsonObject { ["sku"] = sku, ["quantity"] = new JsonObject { ["unit"] = "EACH", ["amount"] = amount } };
        await AnswerAsync(context, SalesChannel.Walmart, receivedAt, StatusCodes.Status200OK, answer.ToJsonString(), "set");
    }

    private async Task TikTokPushAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var requestId = TikTokRequestId(receivedAt);
        var body = await ReadBodyAsync(context);
        if (!await TikTokListingCallPassesAsync(context, receivedAt, body, requestId, ""))
        {
            return;
        }

        var productId = (string)context.Request.RouteValues["productId"]!;
        var sku = (Parse(body)?["skus"] as JsonArray)?.FirstOrDefault();
        var inventory = (sku?["inventory"] as JsonArray)?.FirstOrDefault();
        var quantity = Int(inventory?["quantity"]);
        var problem =
            string.IsNullOrEmpty(sku?["id"]?.GetValue<string>()) ? "skus[0].id is required"
            : string.IsNullOrEmpty(inventory?["warehouse_id"]?.GetValue<string>()) ? "skus[0].inventory[0].warehouse_id is required"
            : quantity is not (>= 0 and <= 99_999) ? "quantity must be 0 to 99999"
            : null;
        if (problem is not null)
        {
            await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, StatusCodes.Status200OK, TikTokError(12052700, problem, requestId), $"invalid: {problem}");
            return;
        }

        Accept(SalesChannel.TikTokShop, $"{productId}/{sku!["id"]!.GetValue<string>()}@{inventory!["warehouse_id"]!.GetValue<string>()}", quantity!.Value, receivedAt);
        var answer = new JsonObject { ["code"] = 0, ["message"] = "Success", ["request_id"] = requestId, ["data"] = new JsonObject() };
        await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, StatusCodes.Status200OK, answer.ToJsonString(), "updated");
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private static JsonNode? Parse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static int? Int(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    /// <summary>The numeric tail of a Shopify gid (<c>gid://shopify/Location/7</c> → 7), or the value as given.</summary>
    private static string Tail(string? id) =>
        id is null ? string.Empty : id.StartsWith("gid://", StringComparison.Ordinal) ? id[(id.LastIndexOf('/') + 1)..] : id;
}
