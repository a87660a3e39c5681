using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Amazon;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// The currency a channel takes a listing's price in, where the listing itself fixes it: an Amazon listing's marketplace
/// (amazon.ca prices in CAD, amazon.de in EUR). A catalog item has one currency, and the same item may be listed on
/// marketplaces of several; a price in the item's currency sent to a marketplace of another would be judged against a
/// floor in the wrong currency and taken, if at all, as a different amount. Null where the catalog does not say (a
/// Shopify or TikTok shop's currency is its account's; an Amazon marketplace not in <see cref="AmazonMarketplaces"/>).
/// </summary>
public static class ListingCurrency
{
    public static string? Of(ChannelListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (listing.Channel != SalesChannel.Amazon)
        {
            return null;
        }

        var currency = AmazonMarketplaces.CurrencyOf(listing.MarketplaceId);
        return currency == AmazonMarketplaces.UnknownCurrency ? null : currency;
    }
}
