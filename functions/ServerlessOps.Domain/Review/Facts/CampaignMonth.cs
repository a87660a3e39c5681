using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Review.Facts;

/// <summary>One ad campaign on one channel in one month, summed from the ad-spend days; money in base currency.</summary>
/// <param name="Sku">The advertised catalog SKU; null for a campaign over many.</param>
/// <param name="SourceRows">The ad-spend rows behind it (a few), for evidence.</param>
public sealed record CampaignMonth(
    ReviewMonth Month,
    SalesChannel Channel,
    string Campaign,
    string? Sku,
    decimal Spend,
    decimal AttributedSales,
    int AttributedUnits,
    IReadOnlyList<string> SourceRows);
