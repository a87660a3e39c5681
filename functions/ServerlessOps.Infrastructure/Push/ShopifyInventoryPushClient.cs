using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Shopify: GraphQL Admin <c>inventorySetQuantities</c> (CHANNELS.md 1.8) at <c>{shop admin}/admin/api/{version}/graphql.json</c>
/// with <c>X-Shopify-Access-Token</c>: name <c>available</c>, reason <c>correction</c>, our push id as
/// <c>referenceDocumentUri</c> and as the <c>@idempotent</c> key (required from 2026-04), and the quantity we last pushed
/// as <c>changeFromQuantity</c> (the compare-and-set of 2026-04; explicit null before our first push). A
/// <c>COMPARE_QUANTITY_STALE</c> answer means someone edited the level on Shopify: ServerlessOps is the source of truth
/// (Shopify advises this mutation only for it), so the truth is set again without the compare, under a new key, and
/// logged. A GraphQL <c>THROTTLED</c> error is unavailable (the listing stays dirty); a 429 is waited out by the pipeline.
/// </summary>
public sealed class ShopifyInventoryPushClient(HttpClient httpClient, IChannelApiCredentialSource credentials, IOptions<InventoryPushOptions> options, ILogger<ShopifyInventoryPushClient> logger)
    : IListingPushClient
{
    private const string Operation = "POST /admin/api/graphql.json inventorySetQuantities";

    private const string Mutation = """
        mutation SetAvailable($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
          inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
            inventoryAdjustmentGroup { id }
            userErrors { code field message }
          }
        }
        """;

    public SalesChannel Channel => SalesChannel.Shopify;

    public async Task<ListingPushAnswer> PushAsync(ListingPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var first = await SendAsync(request, request.PreviousQuantity, request.PushId, cancellationToken);
        if (first.StaleCompare)
        {
            logger.CompareStale(request.Listing.ChannelSku, request.Account.BrandId, request.Listing.ChannelSku, request.PreviousQuantity);
            var again = await SendAsync(request, compare: null, request.PushId + "-set", cancellationToken);
            return again.Answer with { Note = "COMPARE_QUANTITY_STALE: the level was edited on Shopify; set without the compare" };
        }

        return first.Answer;
    }

    private async Task<(ListingPushAnswer Answer, bool StaleCompare)> SendAsync(ListingPushRequest push, int? compare, string key, CancellationToken cancellationToken)
    {
        var listing = push.Listing;
        var token = (await credentials.GetAsync(push.Account, cancellationToken)).AccessToken;
        var quantity = new JsonObject
        {
            ["inventoryItemId"] = Gid("InventoryItem", listing.InventoryItemId),
            ["locationId"] = Gid("Location", listing.LocationId),
            ["quantity"] = push.Quantity,
            ["changeFromQuantity"] = compare,
        };
        var body = new JsonObject
        {
            ["query"] = Mutation,
            ["variables"] = new JsonObject
            {
                ["input"] = new JsonObject
                {
                    ["name"] = "available",
                    ["reason"] = "correction",
                    ["referenceDocumentUri"] = $"gid://serverlessops/InventoryPush/{push.PushId}",
                    ["quantities"] = new JsonArray(quantity),
                },
                ["idempotencyKey"] = key,
            },
        }.ToJsonString();

        using var request = ShopifyAdminRequest.Create(options.Value, push.Account, token, body);
        var (text, requestId) = await PushCall.SendAsync(
            httpClient, request, Channel, Operation, push.Describe(), ShopifyAdminRequest.RequestIdOf, logger, cancellationToken);

        var answer = JsonNode.Parse(text);
        ShopifyAdminRequest.ThrowOnErrors(answer, Operation, push.Describe(), requestId);

        var userErrors = answer?["data"]?["inventorySetQuantities"]?["userErrors"] as JsonArray ?? [];
        if (userErrors.Count == 0)
        {
            return (new ListingPushAnswer(requestId), false);
        }

        var firstCode = userErrors[0]?["code"]?.GetValue<string>();
        if (firstCode == "COMPARE_QUANTITY_STALE" && compare is not null)
        {
            return (new ListingPushAnswer(requestId), true);
        }

        throw new ChannelApiException(
            Channel, Operation, HttpStatusCode.OK, requestId,
            $"Shopify refused {Operation} for listing {push.Describe()}: {firstCode ?? "(no code)"} {userErrors[0]?["message"]?.GetValue<string>()} (userErrors arrive with HTTP 200).");
    }

    /// <summary>The catalog may hold a bare id or a gid already.</summary>
    private static string Gid(string type, string? id) =>
        string.IsNullOrWhiteSpace(id) ? throw new ArgumentException($"A Shopify listing needs its {type} id.")
        : id.StartsWith("gid://", StringComparison.Ordinal) ? id
        : $"gid://shopify/{type}/{id}";
}
