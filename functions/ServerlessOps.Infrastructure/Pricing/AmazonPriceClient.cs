using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// Amazon: Listings Items <c>patchListingsItem</c>, <c>PATCH /listings/2021-08-01/items/{sellerId}/{sku}?marketplaceIds=</c>
/// (the inventory push's call, CHANNELS.md 2.8) with a <c>replace</c> of <c>/attributes/purchasable_offer</c>:
/// <c>[{"marketplace_id":..,"currency":..,"our_price":[{"schedule":[{"value_with_tax":n}]}]}]</c> (Amazon's "manage
/// purchasable offer" guide; CHANNELS.md documents no price patch). <c>ACCEPTED</c> is not yet live (the note says so).
/// </summary>
public sealed class AmazonPriceClient(HttpClient httpClient, IChannelApiCredentialSource credentials, IOptions<InventoryPushOptions> options, ILogger<AmazonPriceClient> logger)
    : IListingPriceClient
{
    private const string Operation = "PATCH /listings/2021-08-01/items/{sellerId}/{sku} purchasable_offer";

    public SalesChannel Channel => SalesChannel.Amazon;

    public async Task<ListingPushAnswer> SetPriceAsync(ListingPriceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var listing = request.Listing;
        var token = (await credentials.GetAsync(request.Account, cancellationToken)).AccessToken;
        var patch = new JsonObject
        {
            ["op"] = "replace",
            ["path"] = "/attributes/purchasable_offer",
            ["value"] = new JsonArray(new JsonObject
            {
                ["marketplace_id"] = listing.MarketplaceId,
                ["currency"] = request.Currency.ToUpperInvariant(),
                ["our_price"] = new JsonArray(new JsonObject { ["schedule"] = new JsonArray(new JsonObject { ["value_with_tax"] = request.Price }) }),
            }),
        };
        return await AmazonListingsPatch.SendAsync(
            httpClient, token, request.Account, listing, options.Value.AmazonProductType, patch, Operation, request.Describe(),
            $"to the price of listing {request.Describe()}", logger, cancellationToken);
    }
}
