using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// Walmart: Update a price, <c>PUT /v3/price</c> (Walmart's Pricing API; CHANNELS.md documents no price call), body
/// <c>{"sku":..,"pricing":[{"currentPriceType":"BASE","currentPrice":{"currency":..,"amount":n}}]}</c>, with the
/// inventory push's headers (<c>WM_SEC.ACCESS_TOKEN</c>, a new <c>WM_QOS.CORRELATION_ID</c>, <c>WM_SVC.NAME</c>).
/// A price is per SKU on Walmart, not per ship node.
/// </summary>
public sealed class WalmartPriceClient(HttpClient httpClient, IChannelApiCredentialSource credentials, ILogger<WalmartPriceClient> logger) : IListingPriceClient
{
    private const string Operation = "PUT /v3/price";
    private const string CorrelationHeader = "WM_QOS.CORRELATION_ID";

    public SalesChannel Channel => SalesChannel.Walmart;

    public async Task<ListingPushAnswer> SetPriceAsync(ListingPriceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = (await credentials.GetAsync(request.Account, cancellationToken)).AccessToken;
        var correlationId = Guid.NewGuid().ToString();
        var body = new JsonObject
        {
            ["sku"] = request.Listing.ChannelSku,
            ["pricing"] = new JsonArray(new JsonObject
            {
                ["currentPriceType"] = "BASE",
                ["currentPrice"] = new JsonObject { ["currency"] = request.Currency.ToUpperInvariant(), ["amount"] = request.Price },
            }),
        }.ToJsonString();
        using var message = new HttpRequestMessage(HttpMethod.Put, "v3/price") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        ChannelApiAccount.Set(message, request.Account.AccountId);
        message.Headers.TryAddWithoutValidation(ChannelTokenHeaders.Walmart, token);
        message.Headers.TryAddWithoutValidation(CorrelationHeader, correlationId);
        message.Headers.TryAddWithoutValidation("WM_SVC.NAME", "Walmart Marketplace");
        message.Headers.Accept.ParseAdd("application/json");
        var (_, requestId) = await PushCall.SendAsync(
            httpClient, message, Channel, Operation, request.Describe(),
            (response, _) => response.Headers.TryGetValues(CorrelationHeader, out var ids) ? ids.FirstOrDefault() ?? correlationId : correlationId,
            logger, cancellationToken);
        return new ListingPushAnswer(requestId);
    }
}
