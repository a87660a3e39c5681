using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// One Listings Items <c>patchListingsItem</c> call (CHANNELS.md 2.8), the call both the inventory push and the price
/// update make with their own patch: <c>{"productType":..,"patches":[patch]}</c> to
/// <c>PATCH /listings/2021-08-01/items/{sellerId}/{sku}?marketplaceIds=</c>. Amazon's <c>ACCEPTED</c> is an acceptance,
/// not proof the change is live (the answer's note says so); any other status (<c>INVALID</c>) is a refusal, thrown with
/// its issues.
/// </summary>
internal static class AmazonListingsPatch
{
    /// <param name="listingText">How the listing is named in logs and errors (the request's <c>Describe()</c>).</param>
    /// <param name="refusedSubject">Completes "Amazon answered INVALID …": what was refused, e.g. "for listing X".</param>
    public static async Task<ListingPushAnswer> SendAsync(
        HttpClient httpClient,
        string accessToken,
        ChannelAccount account,
        ChannelListing listing,
        string productType,
        JsonObject patch,
        string operation,
        string listingText,
        string refusedSubject,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["productType"] = productType, ["patches"] = new JsonArray(patch) }.ToJsonString();
        using var message = AmazonRequest.Create(HttpMethod.Patch, AmazonRequest.ListingPath(account.AccountId, listing.ChannelSku, listing.MarketplaceId), accessToken, account.AccountId);
        message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var (text, requestId) = await PushCall.SendAsync(
            httpClient, message, SalesChannel.Amazon, operation, listingText, AmazonRequest.RequestIdOf, logger, cancellationToken);

        var answer = JsonNode.Parse(text);
        var status = answer?["status"]?.GetValue<string>();
        if (status == "ACCEPTED")
        {
            return new ListingPushAnswer(requestId, $"ACCEPTED as submission {answer?["submissionId"]?.GetValue<string>()}: not yet live");
        }

        throw new ChannelApiException(
            SalesChannel.Amazon, operation, HttpStatusCode.OK, requestId,
            $"Amazon answered {status ?? "(no status)"} {refusedSubject}: {PushCall.Detail(answer?["issues"]?.ToJsonString() ?? string.Empty)}");
    }
}
