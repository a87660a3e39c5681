using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>One push: the account and listing, the quantity to show, what we last pushed (Shopify's compare) and the push id (Shopify's idempotency key).</summary>
public sealed record ListingPushRequest(ChannelAccount Account, ChannelListing Listing, int Quantity, int? PreviousQuantity, string PushId)
{
    /// <summary><c>{channel} {channelSku}</c>, for messages.</summary>
    public string Describe() => $"{Listing.Channel} {Listing.ChannelSku}";
}

/// <summary>The channel's answer: its request id, and a note when it said more than "done" (Amazon's ACCEPTED is not yet live).</summary>
public sealed record ListingPushAnswer(string? RequestId, string? Note = null);
