using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// Walmart: Update a price, <c>PUT /v3/price</c> (Walmart's Pricing API; CHANNELS.md documents no price call), body
/// <c>{"sku":..,"pricing":[{"currentPriceType":"BASE","currentPrice":{"currency":..,"amount":n}}]}</c>, with
/// every Walmart call's headers (<see cref="WalmartRequest"/>).
/// A price is per SKU on Walmart, not per ship node.
/// </summary>
public sealed class WalmartPriceClient(HttpClient httpClient, IChannelApiCredentialSource credentials, ILogger<WalmartPriceClient> logger) : IListingPriceClient
{
    private const string Operation = "PUT /v3/price";

    public SalesChannel Channel => SalesChannel.Walmart;

    public async Task<ListingPushAnswer> SetPriceAsync(ListingPriceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = (await credentials.GetAsync(request.Account, cancellationToken)).AccessToken;
        var body = new JsonObject
        {
            ["sku"] = request.Listing.ChannelSku,
            ["pricing"] = new JsonArray(new JsonObject
            {
                ["currentPriceType"] = "BASE",
                ["currentPrice"] = new JsonObject { ["currency"] = request.Currency.ToUpperInvariant(), ["amount"] = request.Price },
            }),
        }.ToJsonString();
        var (message, requestIdOf) = WalmartRequest.Create(HttpMethod.Put, "v3/price", token, request.Account.AccountId, body);
        using var _ = message;
        var answer = await PushCall.SendAsync(httpClient, message, Channel, Operation, request.Describe(), requestIdOf, logger, cancellationToken);
        return new ListingPushAnswer(answer.RequestId);
    }
}
