using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory.Drift;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Drift;

/// <summary>
/// Amazon: Listings Items <c>getListingsItem</c>,
/// <c>GET /listings/2021-08-01/items/{sellerId}/{sku}?marketplaceIds=&amp;includedData=summaries,issues,fulfillmentAvailability,offers</c>:
/// the DEFAULT (seller-fulfilled) <c>fulfillmentAvailability</c> quantity and the B2C offer's price; the summary status
/// and any issues go into the note (a listing with issues may show a quantity that is not live). A 404 is a listing
/// Amazon does not have: no quantity.
/// </summary>
public sealed class AmazonListingReadClient(HttpClient httpClient, IChannelApiCredentialSource credentials, ILogger<AmazonListingReadClient> logger)
    : IListingReadClient
{
    private const string Operation = "GET /listings/2021-08-01/items/{sellerId}/{sku}";

    public SalesChannel Channel => SalesChannel.Amazon;

    public async Task<ListingReadBack> ReadAsync(ChannelAccount account, ChannelListing listing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(listing);
        var token = (await credentials.GetAsync(account, cancellationToken)).AccessToken;
        var path = AmazonRequest.ListingPath(account.AccountId, listing.ChannelSku, listing.MarketplaceId) + "&includedData=summaries,issues,fulfillmentAvailability,offers";
        using var request = AmazonRequest.Create(HttpMethod.Get, path, token, account.AccountId);
        string text;
        try
        {
            (text, _) = await PushCall.SendAsync(
                httpClient, request, Channel, Operation, $"{Channel} {listing.ChannelSku}", AmazonRequest.RequestIdOf, logger, cancellationToken);
        }
        catch (ChannelApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return new ListingReadBack(null, Note: "Amazon has no such listing (404)");
        }

        var answer = JsonNode.Parse(text);
        var availability = (answer?["fulfillmentAvailability"] as JsonArray)?.FirstOrDefault(a => a?["fulfillmentChannelCode"]?.GetValue<string>() == "DEFAULT");
        var offer = (answer?["offers"] as JsonArray)?.FirstOrDefault(o => o?["offerType"]?.GetValue<string>() is null or "B2C");
        var status = (answer?["summaries"] as JsonArray)?.FirstOrDefault()?["status"] is JsonArray s ? string.Join('/', s.Select(x => x?.GetValue<string>())) : null;
        var issues = (answer?["issues"] as JsonArray)?.Select(i => $"{i?["severity"]?.GetValue<string>()} {i?["code"]?.GetValue<string>()}").ToList() ?? [];
        var note = string.Join("; ", new[] { status is null ? null : $"status {status}", issues.Count == 0 ? null : $"issues: {string.Join(", ", issues)}" }.OfType<string>());
        return new ListingReadBack(
            availability?["quantity"] is JsonValue q && q.TryGetValue<int>(out var units) ? units : null,
            Decimal(offer?["price"]?["amount"]),
            offer?["price"]?["currencyCode"]?.GetValue<string>(),
            note.Length == 0 ? null : note);
    }

    /// <summary>The model's Money amount is a decimal string; accept a number too.</summary>
    private static decimal? Decimal(JsonNode? node) =>
        node is not JsonValue value ? null
        : value.GetValueKind() == JsonValueKind.Number ? value.GetValue<decimal>()
        : decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
