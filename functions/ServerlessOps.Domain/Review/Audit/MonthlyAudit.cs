using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Audit;

/// <summary>Runs the rule catalog over a month's facts and keeps the material findings, most money first.</summary>
public static class MonthlyAudit
{
    public static IReadOnlyList<Finding> Run(ReviewFacts facts) => throw new NotImplementedException("Rule catalog lands with the audit rules.");
}
