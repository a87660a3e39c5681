using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory.Drift;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Drift;

/// <summary>
/// Shopify: GraphQL Admin query of the inventory item's level at the listing's location, quantity <c>available</c>
/// (the name our push sets), and its variant's price, at the same endpoint and API version as the pushes
/// (<see cref="InventoryPushOptions.Shopify"/>). A missing item or level is answered with no quantity.
/// </summary>
public sealed class ShopifyListingReadClient(HttpClient httpClient, IChannelApiCredentialSource credentials, IOptions<InventoryPushOptions> options, ILogger<ShopifyListingReadClient> logger)
    : IListingReadClient
{
    private const string Operation = "POST /admin/api/graphql.json inventoryItem.inventoryLevel";

    private const string Query = """
        query ListingLevel($item: ID!, $location: ID!) {
          inventoryItem(id: $item) {
            variant { price }
            inventoryLevel(locationId: $location) { quantities(names: ["available"]) { name quantity } }
          }
        }
        """;

    public SalesChannel Channel => SalesChannel.Shopify;

    public async Task<ListingReadBack> ReadAsync(ChannelAccount account, ChannelListing listing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(listing);
        var token = (await credentials.GetAsync(account, cancellationToken)).AccessToken;
        var body = new JsonObject
        {
            ["query"] = Query,
            ["variables"] = new JsonObject { ["item"] = Gid("InventoryItem", listing.InventoryItemId), ["location"] = Gid("Location", listing.LocationId) },
        }.ToJsonString();
        using var request = ShopifyAdminRequest.Create(options.Value, account, token, body);
        var (text, requestId) = await PushCall.SendAsync(
            httpClient, request, Channel, Operation, $"{Channel} {listing.ChannelSku}", ShopifyAdminRequest.RequestIdOf, logger, cancellationToken);

        var answer = JsonNode.Parse(text);
        if (answer?["errors"] is JsonArray { Count: > 0 } errors)
        {
            var code = errors[0]?["extensions"]?["code"]?.GetValue<string>();
            throw code == "THROTTLED"
                ? new ChannelApiUnavailableException(Channel, Operation, HttpStatusCode.OK, requestId, $"Shopify {Operation} for listing {listing.ChannelSku} was throttled.")
                : new ChannelApiException(Channel, Operation, HttpStatusCode.OK, requestId, $"Shopify {Operation} for listing {listing.ChannelSku} answered an error: {code ?? "(no code)"} {errors[0]?["message"]?.GetValue<string>()}.");
        }

        var item = answer?["data"]?["inventoryItem"];
        var available = (item?["inventoryLevel"]?["quantities"] as JsonArray)?.FirstOrDefault(q => q?["name"]?.GetValue<string>() == "available");
        var price = item?["variant"]?["price"]?.GetValue<string>() is { } p && decimal.TryParse(p, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : (decimal?)null;
        return available?["quantity"] is JsonValue quantity && quantity.TryGetValue<int>(out var units)
            ? new ListingReadBack(units, price)
            : new ListingReadBack(null, price, Note: item is null ? "inventory item not found" : "item not stocked at the location");
    }

    private static string Gid(string type, string? id) =>
        string.IsNullOrWhiteSpace(id) ? throw new ArgumentException($"A Shopify listing needs its {type} id.")
        : id.StartsWith("gid://", StringComparison.Ordinal) ? id
        : $"gid://shopify/{type}/{id}";
}
