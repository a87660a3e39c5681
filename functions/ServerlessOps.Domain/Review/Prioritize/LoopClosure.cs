using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Domain.Review.Prioritize;

/// <summary>Last cycle's roadmap against this month's findings: what each item recovered.</summary>
public static class LoopClosure
{
    /// <summary>
    /// For every item of <paramref name="previousRoadmap"/>, in its rank order: money then = the item's monthly money,
    /// money now = Σ of this month's findings with the same root cause (zero when none is left, which includes a problem
    /// now under the materiality threshold), recovered = max(0, then − now). A problem that grew recovers nothing; it
    /// shows as now above then. Findings of root causes that are new this month are not part of the comparison.
    /// Money is compared only in one currency: an item kept in another base currency than <paramref name="baseCurrency"/>
    /// (the brand changed its books' currency since) is left out, since then − now would subtract one currency from another
    /// and there is no rate in the roadmap to convert it.
    /// </summary>
    public static IReadOnlyList<RecoveryCheck> Compare(IReadOnlyList<RoadmapItem> previousRoadmap, IReadOnlyList<Finding> currentFindings, string baseCurrency)
    {
        ArgumentNullException.ThrowIfNull(previousRoadmap);
        ArgumentNullException.ThrowIfNull(currentFindings);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseCurrency);
        var now = currentFindings
            .GroupBy(f => f.RootCause, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(f => f.MonthlyMoney), StringComparer.Ordinal);
        return previousRoadmap
            .Where(item => item.Findings.All(f => string.Equals(f.Currency, baseCurrency, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(item => item.Rank)
            .ThenBy(item => item.RootCause, StringComparer.Ordinal)
            .Select(item =>
            {
                var moneyNow = now.GetValueOrDefault(item.RootCause);
                return new RecoveryCheck(item.Rank, item.RootCause, item.Type, BrandOwners.Shown(item.Owner), item.MonthlyMoney, moneyNow, Math.Max(0m, item.MonthlyMoney - moneyNow));
            })
            .ToList();
    }
}
