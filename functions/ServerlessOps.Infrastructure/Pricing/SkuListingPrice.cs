using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>The newest price known of one listing of a SKU (<see cref="SkuPriceState"/>).</summary>
/// <param name="Currency">The price's currency: the catalog item's for a set; the channel's when its webhook names one, else the item's.</param>
/// <param name="At">When the channel showed it (its clock, for a webhook) or when the set that the channel took started (ours).</param>
/// <param name="Source"><c>webhook</c>, or <c>price-set by {who}</c>.</param>
public sealed record SkuListingPrice(SalesChannel Channel, string ChannelSku, decimal Price, string? Currency, DateTimeOffset At, string Source);
