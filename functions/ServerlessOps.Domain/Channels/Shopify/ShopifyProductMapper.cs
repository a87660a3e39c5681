using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>
/// <c>products/update</c>: our own listing price of every variant (CHANNELS.md 1.5: variant <c>price</c>).
/// The Product resource carries no currency; prices are in the shop's currency, which the product does not name.
/// </summary>
public static class ShopifyProductMapper
{
    /// <summary>ISO 4217 "no currency": the shop currency is not in the payload; consumers use the brand's shop currency.</summary>
    public const string UnknownCurrency = "XXX";

    public static PriceReport Map(JsonCursor product, ChannelAccount account, string deliveryKey)
    {
        product.ExpectObject();
        var productUpdatedAt = product.Optional("updated_at")?.GetIsoTime();
        var changes = new List<PriceChange>();
        foreach (var variant in product.Property("variants").Items())
        {
            var observedAt = variant.Optional("updated_at")?.GetIsoTime()
                ?? productUpdatedAt
                ?? throw variant.Fail("expected updated_at on the variant or the product");
            changes.Add(ChannelRecords.Price(
                deliveryKey,
                account,
                sku: variant.Optional("sku")?.GetString(),
                channelItemId: variant.Property("id").GetId(),
                PriceKind.OwnListing,
                price: variant.Property("price").GetAmount(),
                shipping: null,
                currency: UnknownCurrency,
                observedAt));
        }

        return new PriceReport(changes);
    }
}
