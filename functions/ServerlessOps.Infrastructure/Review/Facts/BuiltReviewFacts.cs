using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>The facts the audit reads, with what the report shows beside them: restatements and rows read per source.</summary>
public sealed record BuiltReviewFacts(ReviewFacts Facts, IReadOnlyList<Restatement> Restatements, IReadOnlyDictionary<string, long> RowsRead);
