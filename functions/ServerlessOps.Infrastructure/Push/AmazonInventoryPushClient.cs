using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Amazon: Listings Items <c>patchListingsItem</c> (CHANNELS.md 2.8),
/// <c>PATCH /listings/2021-08-01/items/{sellerId}/{sku}?marketplaceIds=</c> with <c>x-amz-access-token</c> and a JSON
/// Patch <c>merge</c> of <c>/attributes/fulfillment_availability</c> (<c>fulfillment_channel_code</c> DEFAULT: seller
/// fulfilled; FBA listings are never pushed). <c>ACCEPTED</c> is an acceptance, not proof the quantity is live (the note
/// says so); <c>INVALID</c> is a refusal. Amazon documents no Retry-After on its 429: the pipeline's back-off paces it.
/// </summary>
public sealed class AmazonInventoryPushClient(HttpClient httpClient, IChannelApiCredentialSource credentials, IOptions<InventoryPushOptions> options, ILogger<AmazonInventoryPushClient> logger)
    : IListingPushClient
{
    private const string Operation = "PATCH /listings/2021-08-01/items/{sellerId}/{sku}";

    public SalesChannel Channel => SalesChannel.Amazon;

    public async Task<ListingPushAnswer> PushAsync(ListingPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var listing = request.Listing;
        if (listing.ChannelFulfilled)
        {
            throw new InvalidOperationException($"Amazon listing {listing.ChannelSku} is fulfilled by Amazon (FBA): Amazon holds its quantity, it is never pushed.");
        }

        var token = (await credentials.GetAsync(request.Account, cancellationToken)).AccessToken;
        var patch = new JsonObject
        {
            ["op"] = "merge",
            ["path"] = "/attributes/fulfillment_availability",
            ["value"] = new JsonArray(new JsonObject { ["fulfillment_channel_code"] = "DEFAULT", ["quantity"] = request.Quantity }),
        };
        return await AmazonListingsPatch.SendAsync(
            httpClient, token, request.Account, listing, options.Value.AmazonProductType, patch, Operation, request.Describe(),
            $"for listing {request.Describe()}", logger, cancellationToken);
    }
}
