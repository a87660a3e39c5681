using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Audit;

/// <summary>Runs the rule catalog over a month's facts and keeps the material findings, most money first.</summary>
public static class MonthlyAudit
{
    /// <summary>
    /// Every rule of <see cref="RuleCatalog"/> over <paramref name="facts"/>; a root cause's findings are kept together
    /// when their money together is material (<see cref="Materiality"/>), else dropped together. Ordered by money
    /// (descending), then type, root cause, subject and SKU (ordinal), so the same facts always give the same list.
    /// </summary>
    public static IReadOnlyList<Finding> Run(ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var threshold = Materiality.Threshold(facts);
        return RuleCatalog.All
            .SelectMany(rule => rule.Find(facts))
            .GroupBy(f => f.RootCause, StringComparer.Ordinal)
            .Where(batch => Materiality.IsMaterial(batch.Sum(f => f.MonthlyMoney), threshold))
            .SelectMany(batch => batch)
            .OrderByDescending(f => f.MonthlyMoney)
            .ThenBy(f => f.Type)
            .ThenBy(f => f.RootCause, StringComparer.Ordinal)
            .ThenBy(f => f.Subject, StringComparer.Ordinal)
            .ThenBy(f => f.Sku, StringComparer.Ordinal)
            .ToList();
    }
}
