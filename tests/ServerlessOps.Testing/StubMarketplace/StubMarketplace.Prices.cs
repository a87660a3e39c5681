using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// The four price updates the price-set route makes (CHANNELS.md documents none; shapes follow each channel's public
/// API), checked as the channel would and recorded per listing (<see cref="PricedAt"/>, <see cref="PriceSets"/>):
/// <list type="bullet">
/// <item>Shopify, at the GraphQL endpoint (a middleware before the reads and pushes): the <c>PriceTarget</c> query of
/// <c>inventoryItem(id:) { variant { id product { id } } }</c> answers variant and product ids made from the inventory
/// item's id (<c>gid://shopify/ProductVariant/{item}</c>), and <c>productVariantsBulkUpdate(productId:, variants:)</c>
/// sets the variant's price (a product id that does not match the variant is a userError);</item>
/// <item>Amazon <c>PATCH /listings/2021-08-01/items/{sellerId}/{sku}?marketplaceIds=</c> whose patch is a
/// <c>replace</c> of <c>/attributes/purchasable_offer</c> with <c>our_price[0].schedule[0].value_with_tax</c> →
/// <c>ACCEPTED</c> (other patches go on to the inventory push);</item>
/// <item>Walmart <c>PUT /v3/price</c>, <c>{sku, pricing:[{currentPriceType:"BASE", currentPrice:{currency, amount}}]}</c>;</item>
/// <item>TikTok Shop <c>POST /product/202309/products/{product_id}/prices/update</c>, signed, <c>skus[0].id</c> and <c>price.amount</c>.</item>
/// </list>
/// Injected failures (<see cref="FailNext"/>) apply before any check, as for the pushes. An accepted price is also what
/// the listing reads answer from then on, where the read names the listing (Amazon, Shopify and TikTok; Walmart's
/// inventory read carries no price).
/// </summary>
public sealed partial class StubMarketplace
{
    private readonly ConcurrentDictionary<(SalesChannel, string), decimal> _setPrices = new();
    private readonly ConcurrentQueue<StubPriceSet> _priceSets = new();
    private readonly ConcurrentDictionary<SalesChannel, string> _priceBodies = new();

    /// <summary>The key the stub records a listing's price under: the Shopify inventory item (its variant), Amazon seller/SKU@marketplace, the Walmart SKU, TikTok product/SKU.</summary>
    public static string PriceKey(ChannelListing listing, string accountId)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return listing.Channel switch
        {
            SalesChannel.Shopify => Tail(listing.InventoryItemId),
            SalesChannel.Amazon => $"{accountId}/{listing.ChannelSku}@{listing.MarketplaceId}",
            SalesChannel.Walmart => listing.ChannelSku,
            _ => $"{listing.ProductId}/{listing.SkuId}",
        };
    }

    /// <summary>The price last accepted for the listing; null when none was set.</summary>
    public decimal? PricedAt(SalesChannel channel, string priceKey) =>
        _setPrices.TryGetValue((channel, priceKey), out var price) ? price : null;

    /// <summary>Every price accepted on <paramref name="channel"/>, oldest first.</summary>
    public IReadOnlyList<StubPriceSet> PriceSets(SalesChannel channel) => [.. _priceSets.Where(p => p.Channel == channel)];

    /// <summary>Makes every Shopify price call (lookup and update) answer 200 with <paramref name="body"/> as it is (a proxy's page, a changed shape).</summary>
    public void AnswerShopifyPricesWith(string body) => _priceBodies[SalesChannel.Shopify] = body;

    private void MapPrices(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && ShopifyGraphQlPath().IsMatch(context.Request.Path.Value ?? string.Empty))
            {
                context.Request.EnableBuffering();
                var body = await ReadBodyAsync(context);
                context.Request.Body.Position = 0;
                var query = Parse(body)?["query"]?.GetValue<string>() ?? string.Empty;
                if (query.Contains("query PriceTarget", StringComparison.Ordinal) || query.Contains("productVariantsBulkUpdate", StringComparison.Ordinal))
                {
                    await ShopifyPriceAsync(context, Parse(body)!, query.Contains("productVariantsBulkUpdate", StringComparison.Ordinal));
                    return;
                }
            }
            else if (HttpMethods.IsPatch(context.Request.Method) && AmazonListingPath().Match(context.Request.Path.Value ?? string.Empty) is { Success: true } match)
            {
                context.Request.EnableBuffering();
                var body = await ReadBodyAsync(context);
                context.Request.Body.Position = 0;
                var patch = (Parse(body)?["patches"] as JsonArray)?.FirstOrDefault();
                if (patch?["path"]?.GetValue<string>() == "/attributes/purchasable_offer")
                {
                    await AmazonPriceAsync(context, Uri.UnescapeDataString(match.Groups[1].Value), Uri.UnescapeDataString(match.Groups[2].Value), Parse(body)!);
                    return;
                }
            }

            await next(context);
        });
        app.MapPut("/v3/price", WalmartPriceAsync);
        app.MapPost("/product/202309/products/{productId}/prices/update", TikTokPriceAsync);
    }

    private void AcceptPrice(SalesChannel channel, string key, decimal price, string? currency, DateTimeOffset at)
    {
        _setPrices[(channel, key)] = price;
        _priceSets.Enqueue(new StubPriceSet(channel, key, price, currency, at));

        // What the listing reads answer: Amazon's read key is the price key; Shopify's and TikTok's add the location or
        // warehouse, so every listing of the variant or SKU the stub already knows shows the new price.
        if (channel == SalesChannel.Amazon)
        {
            _prices[(channel, key)] = price;
            return;
        }

        if (channel is SalesChannel.Shopify or SalesChannel.TikTokShop)
        {
            foreach (var known in _pushed.Keys.Concat(_prices.Keys).Where(k => k.Item1 == channel && k.Item2.StartsWith(key + "@", StringComparison.Ordinal)).Distinct().ToList())
            {
                _prices[known] = price;
            }
        }
    }

    private async Task ShopifyPriceAsync(HttpContext context, JsonNode request, bool mutation)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        if (!await ShopifyListingCallPassesAsync(context, receivedAt, "price: "))
        {
            return;
        }

        if (_priceBodies.TryGetValue(SalesChannel.Shopify, out var set))
        {
            await AnswerAsync(context, SalesChannel.Shopify, receivedAt, StatusCodes.Status200OK, set, "price: body as set");
            return;
        }

        var variables = request["variables"];
        if (!mutation)
        {
            var item = Tail(variables?["item"]?.GetValue<string>());
            var target = new JsonObject
            {
                ["data"] = new JsonObject
                {
                    ["inventoryItem"] = string.IsNullOrEmpty(item) ? null : new JsonObject
                    {
                        ["variant"] = new JsonObject { ["id"] = $"gid://shopify/ProductVariant/{item}", ["product"] = new JsonObject { ["id"] = $"gid://shopify/Product/{item}" } },
                    },
                },
            };
            await AnswerAsync(context, SalesChannel.Shopify, receivedAt, StatusCodes.Status200OK, target.ToJsonString(), "price: variant looked up");
            return;
        }

        var productId = Tail(variables?["productId"]?.GetValue<string>());
        var variant = (variables?["variants"] as JsonArray)?.FirstOrDefault();
        var variantId = Tail(variant?["id"]?.GetValue<string>());
        var price = variant?["price"]?.GetValue<string>() is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : (decimal?)null;
        var problem =
            string.IsNullOrEmpty(variantId) ? "variants[0].id is required"
            : productId != variantId ? $"variant {variantId} is not a variant of product {productId}"
            : price is not > 0m ? "variants[0].price must be a positive decimal string"
            : null;
        var userErrors = new JsonArray();
        if (problem is not null)
        {
            userErrors.Add(new JsonObject { ["code"] = "INVALID_INPUT", ["field"] = new JsonArray("variants", "0"), ["message"] = problem });
        }
        else
        {
            AcceptPrice(SalesChannel.Shopify, variantId, price!.Value, null, receivedAt);
        }

        var answer = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["productVariantsBulkUpdate"] = new JsonObject
                {
                    ["productVariants"] = problem is null ? new JsonArray(new JsonObject { ["id"] = $"gid://shopify/ProductVariant/{variantId}", ["price"] = price!.Value.ToString("0.00", CultureInfo.InvariantCulture) }) : new JsonArray(),
                    ["userErrors"] = userErrors,
                },
            },
        };
        await AnswerAsync(context, SalesChannel.Shopify, receivedAt, StatusCodes.Status200OK, answer.ToJsonString(), problem is null ? "price: set" : $"price: invalid: {problem}");
    }

    private async Task AmazonPriceAsync(HttpContext context, string sellerId, string sku, JsonNode request)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        if (!await AmazonListingCallPassesAsync(context, receivedAt, "price: "))
        {
            return;
        }

        var marketplace = context.Request.Query["marketplaceIds"].ToString();
        var patch = (request["patches"] as JsonArray)?.FirstOrDefault();
        var offer = (patch?["value"] as JsonArray)?.FirstOrDefault();
        var amount = (((offer?["our_price"] as JsonArray)?.FirstOrDefault()?["schedule"] as JsonArray)?.FirstOrDefault()?["value_with_tax"]) is JsonValue value && value.TryGetValue<decimal>(out var number) ? number : (decimal?)null;
        var problem =
            string.IsNullOrEmpty(marketplace) ? "marketplaceIds is required"
            : string.IsNullOrEmpty(request["productType"]?.GetValue<string>()) ? "productType is required"
            : patch?["op"]?.GetValue<string>() is not ("replace" or "merge") ? "patches[0].op must be replace or merge"
            : offer?["marketplace_id"]?.GetValue<string>() != marketplace ? "purchasable_offer.marketplace_id must be the marketplace patched"
            : string.IsNullOrEmpty(offer?["currency"]?.GetValue<string>()) ? "purchasable_offer.currency is required"
            : amount is not > 0m ? "our_price[0].schedule[0].value_with_tax must be a positive number"
            : null;
        if (problem is not null)
        {
            await AnswerAsync(context, SalesChannel.Amazon, receivedAt, StatusCodes.Status400BadRequest, AmazonError("InvalidInput", problem), $"price: invalid: {problem}");
            return;
        }

        AcceptPrice(SalesChannel.Amazon, $"{sellerId}/{sku}@{marketplace}", amount!.Value, offer!["currency"]!.GetValue<string>(), receivedAt);
        var answer = new JsonObject { ["sku"] = sku, ["status"] = "ACCEPTED", ["submissionId"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), ["issues"] = new JsonArray() };
        await AnswerAsync(context, SalesChannel.Amazon, receivedAt, StatusCodes.Status200OK, answer.ToJsonString(), "price: accepted");
    }

    private async Task WalmartPriceAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var body = await ReadBodyAsync(context);
        if (!await WalmartListingCallPassesAsync(context, receivedAt, "price: "))
        {
            return;
        }

        var correlationId = Header(context, "WM_QOS.CORRELATION_ID");
        var request = Parse(body);
        var sku = request?["sku"]?.GetValue<string>();
        var pricing = (request?["pricing"] as JsonArray)?.FirstOrDefault();
        var amount = pricing?["currentPrice"]?["amount"] is JsonValue value && value.TryGetValue<decimal>(out var number) ? number : (decimal?)null;
        var problem =
            string.IsNullOrEmpty(correlationId) || string.IsNullOrEmpty(Header(context, "WM_SVC.NAME")) ? "WM_QOS.CORRELATION_ID and WM_SVC.NAME are required"
            : string.IsNullOrEmpty(sku) ? "sku is required"
            : pricing?["currentPriceType"]?.GetValue<string>() != "BASE" ? "pricing[0].currentPriceType must be BASE"
            : string.IsNullOrEmpty(pricing["currentPrice"]?["currency"]?.GetValue<string>()) ? "pricing[0].currentPrice.currency is required"
            : amount is not > 0m ? "pricing[0].currentPrice.amount must be a positive number"
            : null;
        if (problem is not null)
        {
            await AnswerAsync(context, SalesChannel.Walmart, receivedAt, StatusCodes.Status400BadRequest, WalmartError("INVALID_REQUEST.GMP_PRICE_API", "pricing", problem), $"price: invalid: {problem}");
            return;
        }

        AcceptPrice(SalesChannel.Walmart, sku!, amount!.Value, pricing!["currentPrice"]!["currency"]!.GetValue<string>(), receivedAt);
        var answer = new JsonObject { ["ItemPriceResponse"] = new JsonObject { ["mart"] = "WALMART_US", ["sku"] = sku, ["message"] = "Thank you. Your price has been updated." } };
        await AnswerAsync(context, SalesChannel.Walmart, receivedAt, StatusCodes.Status200OK, answer.ToJsonString(), "price: set");
    }

    private async Task TikTokPriceAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var requestId = TikTokRequestId(receivedAt);
        var body = await ReadBodyAsync(context);
        if (!await TikTokListingCallPassesAsync(context, receivedAt, body, requestId, "price: "))
        {
            return;
        }

        var productId = (string)context.Request.RouteValues["productId"]!;
        var sku = (Parse(body)?["skus"] as JsonArray)?.FirstOrDefault();
        var text = sku?["price"]?["amount"]?.GetValue<string>();
        var amount = text is not null && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : (decimal?)null;
        var problem =
            string.IsNullOrEmpty(sku?["id"]?.GetValue<string>()) ? "skus[0].id is required"
            : string.IsNullOrEmpty(sku["price"]?["currency"]?.GetValue<string>()) ? "skus[0].price.currency is required"
            : amount is not > 0m ? "skus[0].price.amount must be a positive decimal string"
            : null;
        if (problem is not null)
        {
            await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, StatusCodes.Status200OK, TikTokError(12052700, problem, requestId), $"price: invalid: {problem}");
            return;
        }

        AcceptPrice(SalesChannel.TikTokShop, $"{productId}/{sku!["id"]!.GetValue<string>()}", amount!.Value, sku["price"]!["currency"]!.GetValue<string>(), receivedAt);
        var answer = new JsonObject { ["code"] = 0, ["message"] = "Success", ["request_id"] = requestId, ["data"] = new JsonObject() };
        await AnswerAsync(context, SalesChannel.TikTokShop, receivedAt, StatusCodes.Status200OK, answer.ToJsonString(), "price: updated");
    }

    [GeneratedRegex("^/listings/2021-08-01/items/([^/]+)/([^/]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex AmazonListingPath();
}
