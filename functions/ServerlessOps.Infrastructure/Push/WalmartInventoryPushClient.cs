using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Walmart: <c>PUT /v3/inventory?sku={sku}&amp;shipNode={node}</c> (CHANNELS.md 3.6), body
/// <c>{"sku":..,"quantity":{"unit":"EACH","amount":n}}</c>, with every Walmart call's headers (<see cref="WalmartRequest"/>:
/// a new <c>WM_QOS.CORRELATION_ID</c> per call, our request id in errors).
/// </summary>
public sealed class WalmartInventoryPushClient(HttpClient httpClient, IChannelApiCredentialSource credentials, ILogger<WalmartInventoryPushClient> logger)
    : IListingPushClient
{
    private const string Operation = "PUT /v3/inventory";

    public SalesChannel Channel => SalesChannel.Walmart;

    public async Task<ListingPushAnswer> PushAsync(ListingPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var listing = request.Listing;
        var token = (await credentials.GetAsync(request.Account, cancellationToken)).AccessToken;
        var body = new JsonObject
        {
            ["sku"] = listing.ChannelSku,
            ["quantity"] = new JsonObject { ["unit"] = "EACH", ["amount"] = request.Quantity },
        }.ToJsonString();
        var path = $"v3/inventory?sku={Uri.EscapeDataString(listing.ChannelSku)}&shipNode={Uri.EscapeDataString(listing.ShipNode ?? string.Empty)}";
        var (message, requestIdOf) = WalmartRequest.Create(HttpMethod.Put, path, token, request.Account.AccountId, body);
        using var _ = message;
        var answer = await PushCall.SendAsync(httpClient, message, Channel, Operation, request.Describe(), requestIdOf, logger, cancellationToken);
        return new ListingPushAnswer(answer.RequestId);
    }
}
