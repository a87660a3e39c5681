using System.Globalization;
using System.Net;
using System.Text;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// <c>review.html</c>: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) with the charts finance
/// asked for (revenue vs target by channel, the contribution waterfall of the month's total, the top findings by money)
/// and the tables behind them: P&amp;L, roadmap, last cycle's recovery, restatements and scale calls.
/// </summary>
internal static class ReviewHtml
{
    public const string RevenueChartId = "chart-revenue-vs-target";
    public const string WaterfallChartId = "chart-contribution-waterfall";
    public const string FindingsChartId = "chart-top-findings";

    /// <summary>How many findings the top-findings chart shows.</summary>
    private const int TopFindings = 10;

    private const string Css = """
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }
        h1 { margin-bottom: 0.2rem; } .meta { color: #555; margin-top: 0; }
        table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; } th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; }
        th { background: #ddebf7; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
        svg text { font-size: 11px; fill: #333; } .grid { stroke: #e3e3e3; } .zero { stroke: #777; }
        .actual { fill: #2e75b6; } .target { fill: #bdd7ee; } .total { fill: #2e75b6; } .up { fill: #70ad47; } .down { fill: #c55a11; } .finding { fill: #c55a11; }
        """;

    public static byte[] Write(MonthlyReport report)
    {
        var c = report.BaseCurrency;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(report.BrandName)}: monthly review {report.Month}</title>\n");
        html.Append("<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(report.BrandName)}: monthly review {report.Month}</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">{E(report.BrandId)} · {report.From:yyyy-MM-dd HH:mm zzz} to {report.To:yyyy-MM-dd HH:mm zzz} ({E(report.TimeZone)}) · amounts in {E(c)}</p>\n");

        var channels = report.Pnl.Where(l => l.Channel is not null).ToList();
        html.Append("<h2>Revenue vs target by channel</h2>\n");
        html.Append(SvgChart.GroupedBars(RevenueChartId, $"Revenue vs target by channel ({c})", [.. channels.Select(l => (l.Channel!.Value.ToString(), l.Revenue, l.TargetRevenue))], "revenue", "target"));

        var total = report.Pnl.FirstOrDefault(l => l.Channel is null) ?? Sum(channels);
        html.Append("<h2>Contribution waterfall</h2>\n");
        html.Append(SvgChart.Waterfall(WaterfallChartId, $"From revenue to contribution ({c})",
            [("Revenue", total.Revenue), ("Fees", -total.Fees), ("Ad spend", -total.AdSpend), ("Refunds", -total.Refunds), ("COGS", -total.Cogs), ("Contribution", total.Contribution)]));

        html.Append("<h2>Top findings by money per month</h2>\n");
        var top = report.Findings.OrderByDescending(f => f.MonthlyMoney).ThenBy(f => f.Subject, StringComparer.Ordinal).Take(TopFindings);
        html.Append(SvgChart.HorizontalBars(FindingsChartId, $"Top findings by money at stake per month ({c})", [.. top.Select(f => ($"{f.Type}: {f.Subject}", f.MonthlyMoney))]));

        html.Append("<h2>Profit and loss</h2>\n");
        Table(html, ["Channel", "Orders", "Units", "Revenue", "Target", "Fees", "Ad spend", "Refunds", "COGS", "Contribution", "Margin %"],
            report.Pnl.Select(l => new[]
            {
                T(l.Channel?.ToString() ?? PnlCsv.TotalLabel), N(l.Orders), N(l.Units), M(l.Revenue), l.TargetRevenue is { } t ? M(t) : T(string.Empty),
                M(l.Fees) + (l.FeesEstimated ? "*" : string.Empty), M(l.AdSpend), M(l.Refunds), M(l.Cogs), M(l.Contribution), P(l.ContributionMarginPercent),
            }));
        if (report.Pnl.Any(l => l.FeesEstimated))
        {
            html.Append("<p>* fees from the channel's fee schedule where the charged fees are not known yet.</p>\n");
        }

        html.Append("<h2>Roadmap</h2>\n");
        Table(html, ["Rank", "Fix", "Findings", "Money per month", "Effort", "Score", "Owner", "Alert rule"],
            report.Roadmap.Select(i => new[] { N(i.Rank), T(i.Title), N(i.Findings.Count), M(i.MonthlyMoney), D(i.Effort), D(i.Score), T(i.Owner), T(i.AlertRule?.Description ?? string.Empty) }));

        html.Append("<h2>Last cycle's roadmap against this month</h2>\n");
        Table(html, ["Previous rank", "Root cause", "Owner", "At stake then", "At stake now", "Recovered"],
            report.Recovery.Select(r => new[] { N(r.PreviousRank), T(r.RootCause), T(r.Owner), M(r.MonthlyMoneyThen), M(r.MonthlyMoneyNow), M(r.Recovered) }));

        html.Append("<h2>Restatements of closed months</h2>\n");
        Table(html, ["Order", "Month", "Kind", "Amount", "Recorded"],
            report.Restatements.Select(r => new[] { T(r.OrderId), T(r.OriginalMonth.ToString()), T(r.Kind), D(r.Amount), T(r.RecordedAt.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)) }));

        html.Append("<h2>Scale: winners and losers</h2>\n");
        Table(html, ["Channel", "SKU", "Call", "Contribution", "Trend per month", "Budget shift", "Why"],
            report.Scale.Select(s => new[] { T(s.Channel.ToString()), T(s.Sku), T(s.Winner ? "grow" : "cut"), M(s.ContributionThisMonth), D(s.Trend), D(s.SuggestedBudgetShift), T(s.Reason) }));

        html.Append("</body>\n</html>\n");
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(html.ToString());
    }

    private static PnlLine Sum(IReadOnlyList<PnlLine> lines) => new(
        null, lines.Sum(l => l.Orders), lines.Sum(l => l.Units), lines.Sum(l => l.Revenue), null, lines.Sum(l => l.Fees), lines.Any(l => l.FeesEstimated),
        lines.Sum(l => l.AdSpend), lines.Sum(l => l.Refunds), lines.Sum(l => l.Cogs), lines.Sum(l => l.Contribution));

    /// <summary>A table whose cells are already encoded; numeric cells (marked by <see cref="M"/>, <see cref="N"/>…) right-aligned.</summary>
    private static void Table(StringBuilder html, IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        html.Append("<table>\n<thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(cell);
            }

            html.Append("</tr>\n");
        }

        if (!any)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"{headers.Count}\">None.</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string T(string text) => $"<td>{E(text)}</td>";

    private static string M(decimal value) => $"<td class=\"n\">{value.ToString("#,##0.00", CultureInfo.InvariantCulture)}</td>";

    private static string D(decimal value) => $"<td class=\"n\">{value.ToString("#,##0.##", CultureInfo.InvariantCulture)}</td>";

    private static string N(int value) => $"<td class=\"n\">{value.ToString("#,##0", CultureInfo.InvariantCulture)}</td>";

    private static string P(decimal? percent) => percent is { } p ? $"<td class=\"n\">{p.ToString("0.00", CultureInfo.InvariantCulture)}%</td>" : "<td></td>";
}
