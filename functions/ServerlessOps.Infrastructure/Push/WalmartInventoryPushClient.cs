using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Walmart: <c>PUT /v3/inventory?sku={sku}&amp;shipNode={node}</c> (CHANNELS.md 3.6), body
/// <c>{"sku":..,"quantity":{"unit":"EACH","amount":n}}</c>, with <c>WM_SEC.ACCESS_TOKEN</c>, a new
/// <c>WM_QOS.CORRELATION_ID</c> per call (our request id in errors) and <c>WM_SVC.NAME</c>.
/// </summary>
public sealed class WalmartInventoryPushClient(HttpClient httpClient, IChannelApiCredentialSource credentials, ILogger<WalmartInventoryPushClient> logger)
    : IListingPushClient
{
    private const string Operation = "PUT /v3/inventory";
    private const string CorrelationHeader = "WM_QOS.CORRELATION_ID";

    public SalesChannel Channel => SalesChannel.Walmart;

    public async Task<ListingPushAnswer> PushAsync(ListingPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var listing = request.Listing;
        var token = (await credentials.GetAsync(request.Account, cancellationToken)).AccessToken;
        var correlationId = Guid.NewGuid().ToString();
        var body = new JsonObject
        {
            ["sku"] = listing.ChannelSku,
            ["quantity"] = new JsonObject { ["unit"] = "EACH", ["amount"] = request.Quantity },
        }.ToJsonString();
        var path = $"v3/inventory?sku={Uri.EscapeDataString(listing.ChannelSku)}&shipNode={Uri.EscapeDataString(listing.ShipNode ?? string.Empty)}";
        using var message = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
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
