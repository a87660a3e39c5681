using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Review.Data;

namespace ServerlessOps.Domain.Review.Facts;

/// <summary>
/// Everything the audit knows about a brand's reviewed month, as aggregates: the month itself and the baseline months
/// before it (up to twelve), built by streaming the truth once. The rules read only this, so they are pure and tested
/// on crafted facts. Money in <see cref="BaseCurrency"/>, unrounded.
/// </summary>
/// <param name="Month">The reviewed (closed) month.</param>
/// <param name="Baseline">The months before it that have data, oldest first (at most twelve).</param>
/// <param name="Sales">Per month (baseline and reviewed), channel and SKU.</param>
/// <param name="Channels">Per month and channel.</param>
/// <param name="Campaigns">Per month, channel and campaign.</param>
/// <param name="Stock">Per SKU, for the reviewed month.</param>
/// <param name="Targets">The reviewed month's targets.</param>
/// <param name="FeeSchedule">The brand's fee rules (every channel), for explaining fee findings.</param>
public sealed record ReviewFacts(
    string BrandId,
    ReviewMonth Month,
    string BaseCurrency,
    BrandPolicy Policy,
    IReadOnlyList<ReviewMonth> Baseline,
    IReadOnlyList<SkuChannelMonth> Sales,
    IReadOnlyList<ChannelMonth> Channels,
    IReadOnlyList<CampaignMonth> Campaigns,
    IReadOnlyList<SkuStock> Stock,
    IReadOnlyList<ChannelTarget> Targets,
    IReadOnlyList<FeeRule> FeeSchedule)
{
    /// <summary>Net revenue of the reviewed month over every channel.</summary>
    public decimal MonthRevenue => Channels.Where(c => c.Month == Month).Sum(c => c.Revenue);
}
