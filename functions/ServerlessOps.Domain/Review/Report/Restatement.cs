namespace ServerlessOps.Domain.Review.Report;

/// <summary>
/// A change to a closed month that arrived after its report (a late refund or fee): shown in the month it arrived, never
/// rewriting the closed report. Amount in base currency; negative lowers the closed month's contribution.
/// </summary>
public sealed record Restatement(string OrderId, ReviewMonth OriginalMonth, string Kind, decimal Amount, DateTimeOffset RecordedAt, string SourceRow);
