using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// Shopify: GraphQL Admin <c>productVariantsBulkUpdate(productId:, variants: [{id, price}])</c> (Shopify's Admin API;
/// CHANNELS.md documents only the variant <c>price</c> in <c>products/update</c>) at the pushes' endpoint and version.
/// The catalog keeps the listing's inventory item, not its variant, so a first query (<c>PriceTarget</c>) reads
/// <c>inventoryItem(id:) { variant { id product { id } } }</c>. <c>userErrors</c> (HTTP 200) are a refusal, a
/// <c>THROTTLED</c> error is unavailable, as for the pushes.
/// </summary>
public sealed class ShopifyPriceClient(HttpClient httpClient, IChannelApiCredentialSource credentials, IOptions<InventoryPushOptions> options, ILogger<ShopifyPriceClient> logger)
    : IListingPriceClient
{
    private const string LookupOperation = "POST /admin/api/graphql.json inventoryItem variant";
    private const string Operation = "POST /admin/api/graphql.json productVariantsBulkUpdate";

    private const string Lookup = """
        query PriceTarget($item: ID!) {
          inventoryItem(id: $item) { variant { id product { id } } }
        }
        """;

    private const string Mutation = """
        mutation SetPrice($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
          productVariantsBulkUpdate(productId: $productId, variants: $variants) {
            productVariants { id price }
            userErrors { code field message }
          }
        }
        """;

    public SalesChannel Channel => SalesChannel.Shopify;

    public async Task<ListingPushAnswer> SetPriceAsync(ListingPriceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = (await credentials.GetAsync(request.Account, cancellationToken)).AccessToken;
        var item = request.Listing.InventoryItemId is { } id && id.StartsWith("gid://", StringComparison.Ordinal) ? id : $"gid://shopify/InventoryItem/{request.Listing.InventoryItemId}";
        var (target, _) = await SendAsync(request, token, LookupOperation, new JsonObject { ["query"] = Lookup, ["variables"] = new JsonObject { ["item"] = item } }, cancellationToken);
        var variant = target?["data"]?["inventoryItem"]?["variant"];
        var variantId = variant?["id"]?.GetValue<string>();
        var productId = variant?["product"]?["id"]?.GetValue<string>();
        if (variantId is null || productId is null)
        {
            throw new ChannelApiException(Channel, LookupOperation, HttpStatusCode.OK, null, $"Shopify has no variant for inventory item {item} of listing {request.Describe()}.");
        }

        var (answer, requestId) = await SendAsync(request, token, Operation, new JsonObject
        {
            ["query"] = Mutation,
            ["variables"] = new JsonObject
            {
                ["productId"] = productId,
                ["variants"] = new JsonArray(new JsonObject { ["id"] = variantId, ["price"] = request.PriceText }),
            },
        }, cancellationToken);
        var userErrors = answer?["data"]?["productVariantsBulkUpdate"]?["userErrors"] as JsonArray ?? [];
        if (userErrors.Count == 0)
        {
            return new ListingPushAnswer(requestId, $"variant {variantId}");
        }

        throw new ChannelApiException(
            Channel, Operation, HttpStatusCode.OK, requestId,
            $"Shopify refused the price of listing {request.Describe()}: {userErrors[0]?["code"]?.GetValue<string>() ?? "(no code)"} {userErrors[0]?["message"]?.GetValue<string>()} (userErrors arrive with HTTP 200).");
    }

    private async Task<(JsonNode? Answer, string? RequestId)> SendAsync(ListingPriceRequest push, string token, string operation, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = ShopifyAdminRequest.Create(options.Value, push.Account, token, body.ToJsonString());
        var (text, requestId) = await PushCall.SendAsync(
            httpClient, request, Channel, operation, push.Describe(), ShopifyAdminRequest.RequestIdOf, logger, cancellationToken);
        var answer = JsonNode.Parse(text);
        ShopifyAdminRequest.ThrowOnErrors(answer, operation, push.Describe(), requestId);
        return (answer, requestId);
    }
}
