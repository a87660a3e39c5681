using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// Remembers every answer of <see cref="IReviewCatalog"/> for one build: a SKU's costs are read once and the cost in
/// effect at each order's time is picked from them in memory. Not shared between builds, so an import between two
/// reviews is seen by the second.
/// </summary>
public sealed class ReviewCatalogCache(IReviewCatalog catalog, string brandId)
{
    private readonly Dictionary<(SalesChannel, string), ReviewListing?> _listings = [];
    private readonly Dictionary<string, IReadOnlyList<UnitCost>> _costs = new(StringComparer.Ordinal);
    private readonly Dictionary<SalesChannel, FeeScheduleHistory> _fees = [];
    private readonly Dictionary<(SalesChannel, DateTimeOffset), IReadOnlyList<FeeRule>> _feesKnownAt = [];

    public async Task<ReviewListing?> ListingAsync(SalesChannel channel, string channelSku, CancellationToken cancellationToken)
    {
        if (!_listings.TryGetValue((channel, channelSku), out var listing))
        {
            listing = await catalog.GetListingAsync(brandId, channel, channelSku, cancellationToken);
            _listings[(channel, channelSku)] = listing;
        }

        return listing;
    }

    /// <summary>The unit cost in effect at <paramref name="at"/>, in the item's currency; null when none.</summary>
    public async Task<UnitCost?> CostAtAsync(string sku, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!_costs.TryGetValue(sku, out var costs))
        {
            costs = await catalog.GetCostsAsync(brandId, sku, cancellationToken);
            _costs[sku] = costs;
        }

        return EffectivePeriods.CostAt(costs, at);
    }

    /// <summary>The channel's fee schedule as it is now.</summary>
    public async Task<IReadOnlyList<FeeRule>> FeesAsync(SalesChannel channel, CancellationToken cancellationToken) =>
        (await FeeScheduleAsync(channel, cancellationToken)).Rules;

    /// <summary>
    /// The channel's fee rows as known at <paramref name="knownAt"/> (<see cref="FeeScheduleHistory.KnownAt"/>), picked once
    /// per instant: every order of a closed month is priced with them.
    /// </summary>
    public async Task<IReadOnlyList<FeeRule>> FeesKnownAtAsync(SalesChannel channel, DateTimeOffset knownAt, CancellationToken cancellationToken)
    {
        if (_feesKnownAt.TryGetValue((channel, knownAt), out var known))
        {
            return known;
        }

        known = (await FeeScheduleAsync(channel, cancellationToken)).KnownAt(knownAt);
        _feesKnownAt[(channel, knownAt)] = known;
        return known;
    }

    /// <summary>The channel's schedule and its replaced rows, read once for both (<see cref="IReviewCatalog.GetFeeScheduleAsync"/>).</summary>
    private async Task<FeeScheduleHistory> FeeScheduleAsync(SalesChannel channel, CancellationToken cancellationToken)
    {
        if (!_fees.TryGetValue(channel, out var schedule))
        {
            schedule = await catalog.GetFeeScheduleAsync(brandId, channel, cancellationToken);
            _fees[channel] = schedule;
        }

        return schedule;
    }
}
