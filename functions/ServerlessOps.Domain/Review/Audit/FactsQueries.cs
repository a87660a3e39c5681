using ServerlessOps.Domain.Review.Facts;

namespace ServerlessOps.Domain.Review.Audit;

/// <summary>The few readings of the facts several rules share, each defined once.</summary>
public static class FactsQueries
{
    /// <summary>How many months the trend rules look back over, the reviewed month included.</summary>
    public const int TrendMonths = 3;

    /// <summary>The reviewed month and the two before it, oldest first.</summary>
    public static IReadOnlyList<ReviewMonth> LastThreeMonths(this ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return [facts.Month.AddMonths(-2), facts.Month.AddMonths(-1), facts.Month];
    }

    /// <summary>The SKU rows of the reviewed month.</summary>
    public static IEnumerable<SkuChannelMonth> MonthSales(this ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Sales.Where(s => s.Month == facts.Month);
    }

    /// <summary>The month's last day: the end of the windows counted back in days (90 days without a sale).</summary>
    public static DateOnly LastDay(this ReviewMonth month) => month.Next.FirstDay.AddDays(-1);

    /// <summary>
    /// Fees of a row as the P&amp;L counts them, line by line as <c>pnl-lines.csv</c> does: what the channel charged where
    /// known, plus what the schedule says for the sold lines without charges.
    /// </summary>
    public static decimal Fees(this SkuChannelMonth row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.FeesCharged is { } charged ? charged + (row.FeesScheduledWithoutCharges ?? 0m) : row.FeesScheduled;
    }

    /// <summary>Whether any of the row's <see cref="Fees"/> come from the schedule rather than from the channel's charges.</summary>
    public static bool FeesEstimated(this SkuChannelMonth row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.FeesCharged is null || row.FeesScheduledWithoutCharges is not null;
    }

    /// <summary>
    /// The scheduled fees of the lines whose charged fees are known: what <see cref="SkuChannelMonth.FeesCharged"/> is
    /// compared with (lines still awaiting settlement would make any overcharge look like an undercharge).
    /// </summary>
    public static decimal FeesScheduledWhereCharged(this SkuChannelMonth row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.FeesScheduled - (row.FeesScheduledWithoutCharges ?? 0m);
    }

    /// <summary>Contribution before advertising: revenue − cost of goods − fees − refunds (unrounded).</summary>
    public static decimal ContributionBeforeAds(this SkuChannelMonth row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Revenue - row.Cogs - row.Fees() - row.Refunds;
    }

    /// <summary>
    /// Σ contribution before ads / Σ revenue over <paramref name="rows"/> that are mapped and fully costed (a row with
    /// units of unknown cost would overstate it); null when they have no revenue.
    /// </summary>
    public static decimal? ContributionMarginRate(IEnumerable<SkuChannelMonth> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var costed = rows.Where(r => r.Mapped && r.UnitsWithoutCost == 0).ToList();
        var revenue = costed.Sum(r => r.Revenue);
        return revenue > 0m ? costed.Sum(r => r.ContributionBeforeAds()) / revenue : null;
    }

    /// <summary>At most <paramref name="limit"/> source rows, in order and without repeats, so evidence stays readable.</summary>
    public static IReadOnlyList<string> FewRows(IEnumerable<string> rows, int limit = 10)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Distinct(StringComparer.Ordinal).Take(limit).ToList();
    }
}
