using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Review.Facts;

namespace ServerlessOps.Infrastructure.Review.Operations;

/// <summary>A daily or weekly report's files: <c>report.json</c> (the model) and <c>report.html</c> (a table for people).</summary>
public static class OperatingReportFiles
{
    public const string Json = "report.json";

    public const string Html = "report.html";

    public static IReadOnlyList<ReportFileContent> Render(OperatingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            new ReportFileContent(Json, "application/json", JsonSerializer.SerializeToUtf8Bytes(report, ReviewWorkJson.Options)),
            new ReportFileContent(Html, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(RenderHtml(report))),
        ];
    }

    private static string RenderHtml(OperatingReport report)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(report.BrandName)} {report.Kind} {E(report.Period)}</title></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(report.BrandName)}: {report.Kind.ToString().ToLowerInvariant()} report {E(report.Period)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{report.From:yyyy-MM-dd HH:mm zzz} to {report.Until:yyyy-MM-dd HH:mm zzz} ({E(report.TimeZone)}), money in {E(report.Currency)}.</p>");
        html.Append("<table><thead><tr><th>Channel</th><th>Orders</th><th>Units</th><th>Revenue</th><th>Target</th><th>Vs target</th><th>Missed webhooks</th><th>Late webhooks</th></tr></thead><tbody>");
        foreach (var line in report.Channels.Append(report.Total))
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{(line.Channel is { } c ? c.Slug() : "total")}</td><td>{line.Orders}</td><td>{line.Units}</td><td>{line.Revenue:0.00}</td><td>{M(line.TargetRevenue)}</td><td>{M(line.VersusTarget)}</td><td>{line.MissedOrders}</td><td>{line.LateOrders}</td></tr>");
        }

        html.Append("</tbody></table><h2>Open alerts</h2><ul>");
        foreach (var count in report.OpenAlerts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{count.Kind}: {count.Count} {count.State.ToString().ToLowerInvariant()}</li>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</ul><p>Alert rules checked: {report.RulesChecked}; failed: {report.RulesBreached.Count}.</p><ul>");
        foreach (var rule in report.RulesBreached)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(rule)}</li>");
        }

        return html.Append("</ul></body></html>").ToString();
    }

    private static string M(decimal? amount) => amount is { } a ? a.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
