using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// <c>review.xlsx</c> for finance, written with DocumentFormat.OpenXml: sheets P&amp;L, Channel contribution, Findings,
/// Roadmap and Recovery (last cycle's roadmap against this month). Money in the base currency with two decimals,
/// margins as percentages, counts as integers; every header row frozen and every column given its width.
/// Deterministic: relationship ids are named here (the SDK would make random ones), no document properties (no
/// author, no times), and the zip is written again with fixed entry times (<see cref="DeterministicZip"/>).
/// </summary>
internal static class ReviewWorkbook
{
    private const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    public static byte[] Write(MonthlyReport report)
    {
        IReadOnlyList<WorkbookSheet> sheets = [ProfitAndLoss(report), ChannelContribution(report), Findings(report), Roadmap(report), Recovery(report)];
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook, autoSave: true))
        {
            var workbookPart = document.AddNewPart<WorkbookPart>(WorkbookContentType, "rId1");
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles");
            styles.Stylesheet = WorkbookStyles.Create();
            var sheetList = new Sheets();
            for (var i = 0; i < sheets.Count; i++)
            {
                var id = $"rIdSheet{i + 1}";
                var part = workbookPart.AddNewPart<WorksheetPart>(id);
                part.Worksheet = sheets[i].ToWorksheet();
                sheetList.Append(new Sheet { Name = sheets[i].Name, SheetId = (uint)(i + 1), Id = id });
            }

            workbookPart.Workbook = new Workbook(
                new BookViews(new WorkbookView { ActiveTab = 0 }),
                sheetList);
        }

        return DeterministicZip.Normalize(stream.ToArray());
    }

    private static WorkbookSheet ProfitAndLoss(MonthlyReport report)
    {
        var c = report.BaseCurrency;
        var sheet = new WorkbookSheet("P&L", [
            ("Channel", 14), ("Orders", 10), ("Units", 10), ($"Revenue ({c})", 16), ($"Target ({c})", 16), ("Revenue vs target", 18),
            ($"Fees ({c})", 14), ("Fees estimated", 15), ($"Ad spend ({c})", 14), ($"Refunds ({c})", 14), ($"COGS ({c})", 14),
            ($"Contribution ({c})", 18), ("Contribution margin", 20)]);
        foreach (var line in report.Pnl)
        {
            sheet.NextRow()
                .Text(line.Channel?.ToString() ?? PnlCsv.TotalLabel)
                .Number(line.Orders)
                .Number(line.Units)
                .Number(line.Revenue, WorkbookStyle.Money)
                .Number(line.TargetRevenue, WorkbookStyle.Money)
                .Number(line.TargetRevenue is > 0m and { } target ? Math.Round(line.Revenue / target, 4, MidpointRounding.AwayFromZero) : null, WorkbookStyle.Percent)
                .Number(line.Fees, WorkbookStyle.Money)
                .Boolean(line.FeesEstimated)
                .Number(line.AdSpend, WorkbookStyle.Money)
                .Number(line.Refunds, WorkbookStyle.Money)
                .Number(line.Cogs, WorkbookStyle.Money)
                .Number(line.Contribution, WorkbookStyle.Money)
                .Number(Fraction(line.ContributionMarginPercent), WorkbookStyle.Percent);
        }

        return sheet;
    }

    private static WorkbookSheet ChannelContribution(MonthlyReport report)
    {
        var c = report.BaseCurrency;
        var sheet = new WorkbookSheet("Channel contribution", [
            ("Channel", 14), ($"Revenue ({c})", 16), ($"Contribution ({c})", 18), ("Contribution margin", 20), ("Share of revenue", 16), ("Share of contribution", 20)]);
        var channels = report.Pnl.Where(l => l.Channel is not null).ToList();
        var revenue = channels.Sum(l => l.Revenue);
        var contribution = channels.Sum(l => l.Contribution);
        foreach (var line in channels)
        {
            sheet.NextRow()
                .Text(line.Channel!.Value.ToString())
                .Number(line.Revenue, WorkbookStyle.Money)
                .Number(line.Contribution, WorkbookStyle.Money)
                .Number(Fraction(line.ContributionMarginPercent), WorkbookStyle.Percent)
                .Number(Share(line.Revenue, revenue), WorkbookStyle.Percent)
                .Number(Share(line.Contribution, contribution), WorkbookStyle.Percent);
        }

        return sheet;
    }

    private static WorkbookSheet Findings(MonthlyReport report)
    {
        var ranks = report.Roadmap.GroupBy(i => i.RootCause, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Rank, StringComparer.Ordinal);
        var sheet = new WorkbookSheet("Findings", [
            ("Rank", 8), ("Type", 22), ("Subject", 44), ("Channel", 14), ("SKU", 18), ($"Money per month ({report.BaseCurrency})", 22), ("Root cause", 32), ("Formula", 80)]);
        foreach (var finding in report.Findings)
        {
            sheet.NextRow()
                .Number(ranks.TryGetValue(finding.RootCause, out var rank) ? rank : null, WorkbookStyle.Integer)
                .Text(finding.Type.ToString())
                .Text(finding.Subject)
                .Text(finding.Channel?.ToString())
                .Text(finding.Sku)
                .Number(finding.MonthlyMoney, WorkbookStyle.Money)
                .Text(finding.RootCause)
                .Text(finding.Formula);
        }

        return sheet;
    }

    private static WorkbookSheet Roadmap(MonthlyReport report)
    {
        var sheet = new WorkbookSheet("Roadmap", [
            ("Rank", 8), ("Title", 48), ("Type", 22), ("Findings", 10), ($"Money per month ({report.BaseCurrency})", 22), ("Effort", 10), ("Score", 14),
            ("Owner", 30), ("Alert rule", 60)]);
        foreach (var item in report.Roadmap)
        {
            sheet.NextRow()
                .Number(item.Rank)
                .Text(item.Title)
                .Text(item.Type.ToString())
                .Number(item.Findings.Count)
                .Number(item.MonthlyMoney, WorkbookStyle.Money)
                .Number(item.Effort, WorkbookStyle.Money)
                .Number(item.Score, WorkbookStyle.Money)
                .Text(item.Owner)
                .Text(item.AlertRule?.Description);
        }

        return sheet;
    }

    private static WorkbookSheet Recovery(MonthlyReport report)
    {
        var c = report.BaseCurrency;
        var sheet = new WorkbookSheet("Recovery", [
            ("Previous rank", 14), ("Root cause", 32), ("Type", 22), ("Owner", 30), ($"At stake then ({c})", 18), ($"At stake now ({c})", 18), ($"Recovered ({c})", 16)]);
        foreach (var check in report.Recovery)
        {
            sheet.NextRow()
                .Number(check.PreviousRank)
                .Text(check.RootCause)
                .Text(check.Type.ToString())
                .Text(check.Owner)
                .Number(check.MonthlyMoneyThen, WorkbookStyle.Money)
                .Number(check.MonthlyMoneyNow, WorkbookStyle.Money)
                .Number(check.Recovered, WorkbookStyle.Money);
        }

        return sheet;
    }

    /// <summary>A percentage with two decimals (12.34) as the fraction a percent format shows (0.1234).</summary>
    private static decimal? Fraction(decimal? percent) => percent / 100m;

    private static decimal? Share(decimal part, decimal whole) =>
        whole == 0m ? null : Math.Round(part / whole, 4, MidpointRounding.AwayFromZero);
}
