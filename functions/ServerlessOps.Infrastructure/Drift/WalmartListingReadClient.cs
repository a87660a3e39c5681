using System.Net;
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
/// Walmart: <c>GET /v3/inventory?sku=&amp;shipNode=</c> with every Walmart call's headers (<see cref="WalmartRequest"/>), answering
/// <c>{"sku":..,"quantity":{"unit":"EACH","amount":n}}</c>. The inventory read carries no price (Walmart's price is on
/// the item and buy-box APIs), so Walmart read-backs check quantity only. A 404 is an unknown SKU: no quantity.
/// </summary>
public sealed class WalmartListingReadClient(HttpClient httpClient, IChannelApiCredentialSource credentials, ILogger<WalmartListingReadClient> logger)
    : IListingReadClient
{
    private const string Operation = "GET /v3/inventory";

    public SalesChannel Channel => SalesChannel.Walmart;

    public async Task<ListingReadBack> ReadAsync(ChannelAccount account, ChannelListing listing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(listing);
        var token = (await credentials.GetAsync(account, cancellationToken)).AccessToken;
        var (request, requestIdOf) = WalmartRequest.Create(
            HttpMethod.Get, $"v3/inventory?sku={Uri.EscapeDataString(listing.ChannelSku)}&shipNode={Uri.EscapeDataString(listing.ShipNode ?? string.Empty)}", token, account.AccountId);
        using var _ = request;
        string text;
        try
        {
            text = (await PushCall.SendAsync(httpClient, request, Channel, Operation, $"{Channel} {listing.ChannelSku}", requestIdOf, logger, cancellationToken)).Body;
        }
        catch (ChannelApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return new ListingReadBack(null, Note: "Walmart has no such SKU at the ship node (404)");
        }

        return JsonNode.Parse(text)?["quantity"]?["amount"] is JsonValue amount && amount.TryGetValue<int>(out var units)
            ? new ListingReadBack(units)
            : new ListingReadBack(null, Note: "no quantity.amount in Walmart's answer");
    }
}
