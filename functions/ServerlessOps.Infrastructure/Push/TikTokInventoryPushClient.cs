using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// TikTok Shop: <c>POST /product/202309/products/{product_id}/inventory/update</c> (CHANNELS.md 4.6) with
/// <c>app_key</c>, <c>timestamp</c>, <c>shop_cipher</c> and <c>sign</c> over them and the body
/// (<see cref="TikTokRequestSigner"/>, as the order reads are signed), <c>x-tts-access-token</c>, body
/// <c>{"skus":[{"id":sku_id,"inventory":[{"warehouse_id":..,"quantity":n}]}]}</c>. TikTok accepts 0 to 99,999; a
/// larger truth is sent as 99,999. A non-zero <c>code</c> (HTTP 200) or an entry in <c>data.errors</c> is a refusal.
/// </summary>
public sealed class TikTokInventoryPushClient(HttpClient httpClient, IChannelApiCredentialSource credentials, TimeProvider timeProvider, ILogger<TikTokInventoryPushClient> logger)
    : IListingPushClient
{
    /// <summary>TikTok's largest quantity.</summary>
    public const int MaxQuantity = 99_999;

    private const string Operation = "POST /product/202309/products/{product_id}/inventory/update";

    public SalesChannel Channel => SalesChannel.TikTokShop;

    public async Task<ListingPushAnswer> PushAsync(ListingPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var listing = request.Listing;
        var credential = TikTokRequest.RequireSigningKeys(await credentials.GetAsync(request.Account, cancellationToken), request.Account, "pushes");

        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["skus"] = new JsonArray(new JsonObject
            {
                ["id"] = listing.SkuId,
                ["inventory"] = new JsonArray(new JsonObject { ["warehouse_id"] = listing.WarehouseId, ["quantity"] = Math.Min(request.Quantity, MaxQuantity) }),
            }),
        }.ToJsonString());

        var path = $"product/202309/products/{Uri.EscapeDataString(listing.ProductId ?? string.Empty)}/inventory/update";
        using var message = TikTokRequest.Create(httpClient.BaseAddress, HttpMethod.Post, path, credential, request.Account.AccountId, timeProvider.GetUtcNow(), [], body);
        var (text, requestId) = await PushCall.SendAsync(
            httpClient, message, Channel, Operation, request.Describe(), TikTokRequest.RequestIdOf, logger, cancellationToken);
        var answer = JsonNode.Parse(text);
        var code = answer?["code"]?.GetValue<long>();
        var errors = answer?["data"]?["errors"] as JsonArray ?? [];
        if (code is 0 && errors.Count == 0)
        {
            return new ListingPushAnswer(requestId);
        }

        throw new ChannelApiException(
            Channel, Operation, HttpStatusCode.OK, requestId,
            $"TikTok Shop refused the inventory update of listing {request.Describe()}: code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} '{answer?["message"]?.GetValue<string>()}'" +
            (errors.Count > 0 ? $", errors {PushCall.Detail(errors.ToJsonString())}" : string.Empty) + " (TikTok answers HTTP 200 when it refuses).");
    }
}
