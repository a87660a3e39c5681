namespace ServerlessOps.Domain.Review.Report;

/// <summary>One file of a report to publish: <c>findings.json</c>, <c>pnl.csv</c>, <c>review.xlsx</c>, <c>review.html</c>.</summary>
public sealed record ReportFileContent(string Name, string ContentType, ReadOnlyMemory<byte> Content);
