using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// Renders a monthly review into the files finance downloads: report.json (the whole model, read back by next month's
/// loop closure), findings.json, pnl.csv, review.xlsx and review.html. Deterministic: the same report gives the same bytes.
/// </summary>
public static class MonthlyReportFiles
{
    public const string ReportJson = "report.json";

    public static IReadOnlyList<ReportFileContent> Render(MonthlyReport report) => throw new NotImplementedException("Lands with the report writers.");

    /// <summary>The model back from a published report.json.</summary>
    public static MonthlyReport ReadReport(ReadOnlySpan<byte> reportJson) => throw new NotImplementedException("Lands with the report writers.");
}
