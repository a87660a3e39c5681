using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Review.Operations;

/// <summary>The prioritize phase's output: the month's ranked roadmap and last cycle's roadmap against it.</summary>
public sealed record ReviewRoadmap(IReadOnlyList<RoadmapItem> Items, IReadOnlyList<RecoveryCheck> Recovery);
