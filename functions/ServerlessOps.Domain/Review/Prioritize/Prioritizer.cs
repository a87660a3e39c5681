using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Prioritize;

/// <summary>Batches findings by root cause and ranks the batches by money recovered per unit of effort, each with its owner and daily check.</summary>
public static class Prioritizer
{
    public static IReadOnlyList<RoadmapItem> Rank(IReadOnlyList<Finding> findings, BrandOwners owners) => throw new NotImplementedException("Lands with the audit rules.");
}
