using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Domain.Review.Scale;

/// <summary>Winners and losers by SKU and channel from contribution trends, with suggested budget shifts.</summary>
public static class ScaleAnalysis
{
    public static IReadOnlyList<ScaleCall> Evaluate(ReviewFacts facts) => throw new NotImplementedException("Lands with the audit rules.");
}
