using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Domain.Review.Prioritize;

/// <summary>Last cycle's roadmap against this month's findings: what each item recovered.</summary>
public static class LoopClosure
{
    public static IReadOnlyList<RecoveryCheck> Compare(IReadOnlyList<RoadmapItem> previousRoadmap, IReadOnlyList<Finding> currentFindings) =>
        throw new NotImplementedException("Lands with the audit rules.");
}
