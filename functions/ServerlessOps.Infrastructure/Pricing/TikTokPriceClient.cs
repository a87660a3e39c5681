using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// TikTok Shop: Update Price, <c>POST /product/202309/products/{product_id}/prices/update</c> (TikTok Shop's Products API;
/// CHANNELS.md documents no price call), signed and authorised like the inventory update
/// (<see cref="TikTokRequestSigner"/>, <c>x-tts-access-token</c>), body
/// <c>{"skus":[{"id":sku_id,"price":{"amount":"19.99","currency":"USD"}}]}</c>. A non-zero <c>code</c> (HTTP 200) is a refusal.
/// </summary>
public sealed class TikTokPriceClient(HttpClient httpClient, IChannelApiCredentialSource credentials, TimeProvider timeProvider, ILogger<TikTokPriceClient> logger)
    : IListingPriceClient
{
    private const string Operation = "POST /product/202309/products/{product_id}/prices/update";

    public SalesChannel Channel => SalesChannel.TikTokShop;

    public async Task<ListingPushAnswer> SetPriceAsync(ListingPriceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var listing = request.Listing;
        var credential = TikTokRequest.RequireSigningKeys(await credentials.GetAsync(request.Account, cancellationToken), request.Account, "price updates");

        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["skus"] = new JsonArray(new JsonObject
            {
                ["id"] = listing.SkuId,
                ["price"] = new JsonObject { ["amount"] = request.PriceText, ["currency"] = request.Currency.ToUpperInvariant() },
            }),
        }.ToJsonString());
        var path = $"product/202309/products/{Uri.EscapeDataString(listing.ProductId ?? string.Empty)}/prices/update";
        using var message = TikTokRequest.Create(httpClient.BaseAddress, HttpMethod.Post, path, credential, request.Account.AccountId, timeProvider.GetUtcNow(), [], body);

        var (text, _) = await PushCall.SendAsync(httpClient, message, Channel, Operation, request.Describe(), static (_, _) => null, logger, cancellationToken);
        var answer = JsonNode.Parse(text);
        var requestId = answer?["request_id"]?.GetValue<string>();
        var code = answer?["code"]?.GetValue<long>();
        if (code is 0)
        {
            return new ListingPushAnswer(requestId);
        }

        throw new ChannelApiException(
            Channel, Operation, HttpStatusCode.OK, requestId,
            $"TikTok Shop refused the price of listing {request.Describe()}: code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} '{answer?["message"]?.GetValue<string>()}' (TikTok answers HTTP 200 when it refuses).");
    }
}
