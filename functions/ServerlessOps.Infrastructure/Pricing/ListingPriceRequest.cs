using System.Globalization;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>One price to set: the account and listing, the price (rounded to cents by the caller) and its currency.</summary>
public sealed record ListingPriceRequest(ChannelAccount Account, ChannelListing Listing, decimal Price, string Currency)
{
    /// <summary><c>{channel} {channelSku}</c>, for messages.</summary>
    public string Describe() => $"{Listing.Channel} {Listing.ChannelSku}";

    /// <summary>The price as channels take it in strings: <c>19.99</c>.</summary>
    public string PriceText => Price.ToString("0.00", CultureInfo.InvariantCulture);
}
