using ServerlessOps.Domain.Review.Facts;

namespace ServerlessOps.Domain.Review.Audit;

/// <summary>
/// Which findings are worth a roadmap line. A root cause (the batch the prioritizer will make of its findings) is
/// material when its findings' money together is strictly above max(<see cref="RevenueShare"/> × the month's revenue,
/// <see cref="MinimumMonthlyMoney"/>). Judged per root cause, not per finding, so one fee re-tier that costs a few cents
/// on each of two hundred SKUs is kept whole, while a lone stray cent is not.
/// </summary>
public static class Materiality
{
    /// <summary>0.1 % of the reviewed month's net revenue (all channels).</summary>
    public const decimal RevenueShare = 0.001m;

    /// <summary>10 in the brand's base currency: below this a fix is not worth an owner's hour whatever the revenue.</summary>
    public const decimal MinimumMonthlyMoney = 10m;

    /// <summary>The month's threshold, unrounded.</summary>
    public static decimal Threshold(ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Math.Max(facts.MonthRevenue * RevenueShare, MinimumMonthlyMoney);
    }

    public static bool IsMaterial(decimal monthlyMoney, decimal threshold) => monthlyMoney > threshold;
}
