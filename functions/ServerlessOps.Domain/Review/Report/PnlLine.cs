using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Review.Report;

/// <summary>
/// One line of the month's profit and loss, per channel (or the total when <paramref name="Channel"/> is null), base
/// currency, rounded to cents once. Contribution = Revenue − Fees − AdSpend − Refunds − Cogs.
/// </summary>
/// <param name="Fees">Fees charged where known, else scheduled (<paramref name="FeesEstimated"/> says which).</param>
public sealed record PnlLine(
    SalesChannel? Channel,
    int Orders,
    int Units,
    decimal Revenue,
    decimal? TargetRevenue,
    decimal Fees,
    bool FeesEstimated,
    decimal AdSpend,
    decimal Refunds,
    decimal Cogs,
    decimal Contribution)
{
    /// <summary>Contribution / revenue in percent, two decimals; null without revenue.</summary>
    public decimal? ContributionMarginPercent => Revenue == 0m ? null : Math.Round(Contribution / Revenue * 100m, 2, MidpointRounding.AwayFromZero);
}
