using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Functions.Api.Reports;

/// <summary>A brand's reports as the index lists them (every one complete: an entry is indexed only after all its files are written).</summary>
public sealed record ReportListView(string BrandId, IReadOnlyList<ReportEntry> Reports);
