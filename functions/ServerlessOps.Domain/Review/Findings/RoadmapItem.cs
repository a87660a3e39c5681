using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Domain.Review.Findings;

/// <summary>
/// One fix on the month's roadmap: findings sharing a root cause, ranked by money recovered per unit of effort.
/// </summary>
/// <param name="Rank">1 for the best score.</param>
/// <param name="MonthlyMoney">Σ of the findings' money, base currency.</param>
/// <param name="Effort">Effort points from the rule catalog (1 = an hour's setting change, 8 = a project).</param>
/// <param name="Score">MonthlyMoney / Effort.</param>
/// <param name="Owner">Named owner from the brand's ownership map for <paramref name="Signal"/>.</param>
/// <param name="AlertRule">The daily check that keeps it fixed, when one applies.</param>
public sealed record RoadmapItem(
    int Rank,
    string RootCause,
    FindingType Type,
    string Title,
    IReadOnlyList<Finding> Findings,
    decimal MonthlyMoney,
    decimal Effort,
    decimal Score,
    BrandSignal Signal,
    string Owner,
    AlertRuleSpec? AlertRule);
