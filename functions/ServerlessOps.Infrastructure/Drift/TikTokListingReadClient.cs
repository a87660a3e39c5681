using System.Globalization;
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
/// TikTok Shop: Get Product, <c>GET /product/202309/products/{product_id}</c>, signed as the pushes are
/// (<see cref="TikTokRequestSigner"/>, no body): the SKU's <c>inventory[]</c> quantity at the listing's warehouse and its
/// <c>price.sale_price</c> (else <c>tax_exclusive_price</c>). A non-zero <c>code</c> (HTTP 200) is a refusal.
/// </summary>
public sealed class TikTokListingReadClient(HttpClient httpClient, IChannelApiCredentialSource credentials, TimeProvider timeProvider, ILogger<TikTokListingReadClient> logger)
    : IListingReadClient
{
    private const string Operation = "GET /product/202309/products/{product_id}";

    public SalesChannel Channel => SalesChannel.TikTokShop;

    public async Task<ListingReadBack> ReadAsync(ChannelAccount account, ChannelListing listing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(listing);
        var credential = TikTokRequest.RequireSigningKeys(await credentials.GetAsync(account, cancellationToken), account, "reads");

        var path = $"product/202309/products/{Uri.EscapeDataString(listing.ProductId ?? string.Empty)}";
        using var request = TikTokRequest.Create(httpClient.BaseAddress, HttpMethod.Get, path, credential, account.AccountId, timeProvider.GetUtcNow(), []);
        var (text, requestId) = await PushCall.SendAsync(
            httpClient, request, Channel, Operation, $"{Channel} {listing.ChannelSku}", TikTokRequest.RequestIdOf, logger, cancellationToken);
        var answer = JsonNode.Parse(text);
        if (answer?["code"]?.GetValue<long>() is not 0)
        {
            throw new ChannelApiException(Channel, Operation, HttpStatusCode.OK, requestId, $"TikTok Shop refused the product read of listing {listing.ChannelSku}: code {answer?["code"]} '{answer?["message"]?.GetValue<string>()}'.");
        }

        var sku = (answer?["data"]?["skus"] as JsonArray)?.FirstOrDefault(s => s?["id"]?.GetValue<string>() == listing.SkuId);
        if (sku is null)
        {
            return new ListingReadBack(null, Note: $"product {listing.ProductId} has no SKU {listing.SkuId}");
        }

        var stock = (sku["inventory"] as JsonArray)?.FirstOrDefault(i => i?["warehouse_id"]?.GetValue<string>() == listing.WarehouseId);
        var priceText = sku["price"]?["sale_price"]?.GetValue<string>() ?? sku["price"]?["tax_exclusive_price"]?.GetValue<string>();
        return new ListingReadBack(
            stock?["quantity"] is JsonValue q && q.TryGetValue<int>(out var units) ? units : null,
            decimal.TryParse(priceText, NumberStyles.Number, CultureInfo.InvariantCulture, out var price) ? price : null,
            sku["price"]?["currency"]?.GetValue<string>(),
            answer?["data"]?["status"]?.GetValue<string>() is { } status ? $"product status {status}" : null);
    }
}
