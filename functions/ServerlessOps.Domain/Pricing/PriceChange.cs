using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Pricing;

/// <summary>A price observed on a channel: ours, the Buy Box, or the lowest competitor.</summary>
/// <param name="Id">Deterministic id (delivery key + item + kind) so a redelivery writes the same document.</param>
/// <param name="Sku">Seller SKU when known.</param>
/// <param name="ChannelItemId">ASIN, Walmart item id or Shopify variant id.</param>
/// <param name="Price">Landed item price excluding shipping where the channel separates them.</param>
/// <param name="Shipping">Shipping component where the channel reports it.</param>
public sealed record PriceChange(
    string Id,
    string BrandId,
    SalesChannel Channel,
    string ChannelAccountId,
    string? Sku,
    string? ChannelItemId,
    PriceKind Kind,
    decimal Price,
    decimal? Shipping,
    string Currency,
    DateTimeOffset ObservedAt);
