using System.Text.Json;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// <c>findings.json</c>: every material finding for machines, in the report's order (best rank first), each with the
/// rank of the roadmap item that fixes it (items batch findings by root cause, so the rank is found by it).
/// </summary>
internal static class FindingsFile
{
    public static byte[] Write(MonthlyReport report)
    {
        var ranks = new Dictionary<string, RoadmapItem>(StringComparer.Ordinal);
        foreach (var item in report.Roadmap)
        {
            ranks.TryAdd(item.RootCause, item);
        }

        var document = new FindingsDocument(
            report.BrandId,
            report.Month.ToString(),
            report.BaseCurrency,
            [.. report.Findings.Select(f =>
            {
                var item = ranks.GetValueOrDefault(f.RootCause);
                return new FindingEntry(item?.Rank, f.Type, f.Subject, f.Channel, f.Sku, f.MonthlyMoney, f.Currency, f.RootCause, item?.Owner, f.Formula, f.Evidence);
            })]);
        return JsonSerializer.SerializeToUtf8Bytes(document, ReportJson.Options);
    }

    private sealed record FindingsDocument(string BrandId, string Period, string Currency, IReadOnlyList<FindingEntry> Findings);

    /// <param name="Rank">The rank of its roadmap item; null when the roadmap has none for its root cause.</param>
    private sealed record FindingEntry(
        int? Rank,
        FindingType Type,
        string Subject,
        SalesChannel? Channel,
        string? Sku,
        decimal MonthlyMoney,
        string Currency,
        string RootCause,
        string? Owner,
        string Formula,
        Evidence Evidence);
}
