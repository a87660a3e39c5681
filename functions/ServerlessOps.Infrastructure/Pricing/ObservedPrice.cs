using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>Our own listing price as a channel showed it: in a webhook (a <see cref="PriceChange"/> of kind own listing) or a drift read-back.</summary>
/// <param name="Sku">The SKU the channel named (its channel SKU, which may also be the catalog SKU); null when it named only its item id.</param>
/// <param name="ChannelItemId">The channel's item id (variant id, ASIN, Walmart item id), for messages.</param>
/// <param name="Currency">The price's currency; null or ISO "XXX" when the channel did not say (Shopify's product webhook).</param>
/// <param name="Source">Where it was seen (<c>webhook</c>, <c>read-back</c>), in the alert's evidence.</param>
public sealed record ObservedPrice(
    string BrandId,
    SalesChannel Channel,
    string? Sku,
    string? ChannelItemId,
    decimal Price,
    string? Currency,
    string Source,
    DateTimeOffset ObservedAt)
{
    /// <summary>Our own price in a webhook's price change; null for the Buy Box or a competitor's offer, which are not ours to guard.</summary>
    public static ObservedPrice? FromChange(PriceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Kind == PriceKind.OwnListing
            ? new ObservedPrice(change.BrandId, change.Channel, change.Sku, change.ChannelItemId, change.Price, change.Currency, "webhook", change.ObservedAt)
            : null;
    }
}
