using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// The catalog as the review reads it: per channel SKU, per SKU and per channel, each asked once per build
/// (<see cref="ReviewCatalogCache"/>), so streaming a million order lines costs a read per distinct SKU, not per line.
/// </summary>
public interface IReviewCatalog
{
    /// <summary>The catalog SKU a channel SKU maps to, or null when unmapped.</summary>
    Task<ReviewListing?> GetListingAsync(string brandId, SalesChannel channel, string channelSku, CancellationToken cancellationToken);

    /// <summary>Every unit cost of a SKU with its effective dates (<see cref="EffectivePeriods.CostAt"/> picks one).</summary>
    Task<IReadOnlyList<UnitCost>> GetCostsAsync(string brandId, string sku, CancellationToken cancellationToken);

    /// <summary>
    /// The channel's whole fee schedule, every period (the pricing rule picks those in effect), with the rows later imports
    /// replaced (<see cref="FeeScheduleVersions"/>) for the schedule as a closed month knew it: both from one read.
    /// </summary>
    Task<FeeScheduleHistory> GetFeeScheduleAsync(string brandId, SalesChannel channel, CancellationToken cancellationToken);
}

/// <summary>One channel SKU resolved to the catalog.</summary>
/// <param name="Currency">Currency of the MAP and of the item's unit costs.</param>
/// <param name="ChannelFulfilled">The channel ships from its own stock (no merchant ship-by to miss).</param>
public sealed record ReviewListing(string Sku, string? Category, string Currency, decimal? MinimumAdvertisedPrice, bool ChannelFulfilled);
