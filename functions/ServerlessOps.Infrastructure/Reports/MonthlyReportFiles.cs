using System.Text.Json;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// Renders a monthly review into the files finance downloads: report.json (the whole model, read back by next month's
/// loop closure), findings.json, pnl.csv, review.xlsx and review.html. Deterministic: the same report gives the same
/// bytes (no clock, invariant culture, fixed package metadata), so publishing it again is a no-op (its version is the
/// hash of these bytes).
/// </summary>
public static class MonthlyReportFiles
{
    public const string ReportJson = "report.json";
    public const string FindingsJson = "findings.json";
    public const string PnlCsv = "pnl.csv";
    public const string ReviewXlsx = "review.xlsx";
    public const string ReviewHtml = "review.html";

    public const string JsonContentType = "application/json";
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>The five files, in this order: report.json, findings.json, pnl.csv, review.xlsx, review.html.</summary>
    public static IReadOnlyList<ReportFileContent> Render(MonthlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            new(ReportJson, JsonContentType, JsonSerializer.SerializeToUtf8Bytes(report, Reports.ReportJson.Options)),
            new(FindingsJson, JsonContentType, FindingsFile.Write(report)),
            new(PnlCsv, CsvContentType, Reports.PnlCsv.Write(report)),
            new(ReviewXlsx, XlsxContentType, ReviewWorkbook.Write(report)),
            new(ReviewHtml, HtmlContentType, Reports.ReviewHtml.Write(report)),
        ];
    }

    /// <summary>The model back from a published report.json; <see cref="InvalidDataException"/> naming the problem when it is not one.</summary>
    public static MonthlyReport ReadReport(ReadOnlySpan<byte> reportJson)
    {
        try
        {
            return JsonSerializer.Deserialize<MonthlyReport>(reportJson, Reports.ReportJson.Options)
                ?? throw new InvalidDataException("report.json holds null, not a monthly report.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a monthly report.json: {e.Message}", e);
        }
    }
}
