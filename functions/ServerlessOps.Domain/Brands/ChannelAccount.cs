using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Brands;

/// <summary>
/// One seller account on one marketplace, owned by one brand: a Shopify shop domain, an Amazon selling-partner
/// id, a Walmart partner id or a TikTok Shop shop id. Every record ServerlessOps stores carries the brand.
/// </summary>
/// <param name="BrandId">The owning brand.</param>
/// <param name="Channel">The marketplace.</param>
/// <param name="AccountId">The channel's own account key, compared case-insensitively.</param>
public sealed record ChannelAccount(string BrandId, SalesChannel Channel, string AccountId);
