using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Report;

/// <summary>
/// The closed month's review for one brand: what finance downloads. Deterministic: the same truth gives the same
/// report, so it holds no clock reading (when it was written lives in its index entry, not here).
/// </summary>
/// <param name="Pnl">Per channel, then the total (Channel null) last.</param>
/// <param name="Findings">Material findings, best rank first.</param>
/// <param name="Roadmap">The ordered roadmap.</param>
/// <param name="Recovery">Last cycle's roadmap against this month; empty on the first review.</param>
/// <param name="Restatements">Changes to earlier closed months that arrived in this one.</param>
/// <param name="RowsRead">Order lines, ad-spend and snapshot rows the audit read, by source.</param>
public sealed record MonthlyReport(
    string BrandId,
    string BrandName,
    ReviewMonth Month,
    string BaseCurrency,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<PnlLine> Pnl,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<RoadmapItem> Roadmap,
    IReadOnlyList<ScaleCall> Scale,
    IReadOnlyList<RecoveryCheck> Recovery,
    IReadOnlyList<Restatement> Restatements,
    IReadOnlyDictionary<string, long> RowsRead);
