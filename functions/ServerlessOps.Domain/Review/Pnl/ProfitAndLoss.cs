using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Domain.Review.Pnl;

/// <summary>The reviewed month's P&amp;L per channel and in total, rounded once.</summary>
public static class ProfitAndLoss
{
    public static IReadOnlyList<PnlLine> For(ReviewFacts facts) => throw new NotImplementedException("Lands with the audit rules.");
}
