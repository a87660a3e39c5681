using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Reports;

namespace ServerlessOps.Infrastructure.Tests.Reports;

/// <summary>The files of a monthly review: deterministic to the byte, report.json read back whole, and each file holding what finance needs.</summary>
public sealed class MonthlyReportFilesTests
{
    [Fact]
    public void Render_SameReportTwice_GivesByteIdenticalFilesIncludingTheWorkbook()
    {
        var first = MonthlyReportFiles.Render(SampleReports.November());
        var second = MonthlyReportFiles.Render(SampleReports.November());

        Assert.Equal(
            [MonthlyReportFiles.ReportJson, MonthlyReportFiles.FindingsJson, MonthlyReportFiles.PnlCsv, MonthlyReportFiles.ReviewXlsx, MonthlyReportFiles.ReviewHtml],
            first.Select(f => f.Name));
        for (var i = 0; i < first.Count; i++)
        {
            Assert.True(first[i].Content.Span.SequenceEqual(second[i].Content.Span), $"{first[i].Name} differs between two renders of the same report.");
        }
    }

    [Fact]
    public void Render_Workbook_CarriesNoWriteTimes()
    {
        var xlsx = File(MonthlyReportFiles.Render(SampleReports.November()), MonthlyReportFiles.ReviewXlsx);

        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        Assert.All(zip.Entries, e => Assert.Equal(1980, e.LastWriteTime.Year));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("docProps/", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ADifferentNumber_ChangesTheFilesThatShowIt()
    {
        var before = MonthlyReportFiles.Render(SampleReports.November());
        var after = MonthlyReportFiles.Render(SampleReports.November(amazonRevenue: 48210.56m));

        foreach (var name in new[] { MonthlyReportFiles.ReportJson, MonthlyReportFiles.PnlCsv, MonthlyReportFiles.ReviewXlsx, MonthlyReportFiles.ReviewHtml })
        {
            Assert.False(File(before, name).AsSpan().SequenceEqual(File(after, name)), $"{name} did not change with the revenue.");
        }
    }

    [Fact]
    public void ReadReport_PublishedReportJson_GivesTheSameReportBack()
    {
        var report = SampleReports.November();
        var json = File(MonthlyReportFiles.Render(report), MonthlyReportFiles.ReportJson);

        var read = MonthlyReportFiles.ReadReport(json);

        Assert.Equal(report.Month, read.Month);
        Assert.Equal(report.From, read.From);
        Assert.Equal(report.Pnl, read.Pnl);
        Assert.Equal(report.Roadmap.Select(i => (i.Rank, i.RootCause, i.MonthlyMoney, i.Owner, i.Findings.Count)), read.Roadmap.Select(i => (i.Rank, i.RootCause, i.MonthlyMoney, i.Owner, i.Findings.Count)));
        Assert.Equal(report.Findings[0].Evidence.Numbers, read.Findings[0].Evidence.Numbers);
        Assert.Equal(report.Recovery, read.Recovery);
        Assert.Equal(report.Restatements, read.Restatements);
        Assert.Equal(report.RowsRead, read.RowsRead);
        Assert.Equal(json, File(MonthlyReportFiles.Render(read), MonthlyReportFiles.ReportJson));
        Assert.Contains("\"revenue\": 48210.55", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadReport_NotAReport_SaysSo()
    {
        var error = Assert.Throws<InvalidDataException>(() => MonthlyReportFiles.ReadReport("""{"brandId": "acme", "month": 11}"""u8));

        Assert.Contains("Not a monthly report.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindingsJson_EachFinding_HasTypeSubjectMoneyRankOfItsRoadmapItemAndEvidence()
    {
        using var document = JsonDocument.Parse(File(MonthlyReportFiles.Render(SampleReports.November()), MonthlyReportFiles.FindingsJson));

        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(4, findings.Count);
        Assert.Equal("2026-11", document.RootElement.GetProperty("period").GetString());
        var price = findings.Single(f => f.GetProperty("type").GetString() == "PriceBelowFloor");
        Assert.Equal("SKU TEE-RED-M on Shopify", price.GetProperty("subject").GetString());
        Assert.Equal(98.04m, price.GetProperty("monthlyMoney").GetDecimal());
        Assert.Equal(1, price.GetProperty("rank").GetInt32());
        Assert.Equal(21.00m, price.GetProperty("evidence").GetProperty("numbers").GetProperty("floor").GetDecimal());
        Assert.Equal("order:5001:line:2", price.GetProperty("evidence").GetProperty("sourceRows")[0].GetString());
        Assert.Equal(3, findings.Single(f => f.GetProperty("type").GetString() == "DeadStock").GetProperty("rank").GetInt32());
    }

    [Fact]
    public void PnlCsv_HasAHeaderAndOneLinePerChannelThenTheTotal()
    {
        var lines = Encoding.UTF8.GetString(File(MonthlyReportFiles.Render(SampleReports.November()), MonthlyReportFiles.PnlCsv)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("channel,currency,orders,units,revenue,targetRevenue,fees,feesEstimated,adSpend,refunds,cogs,contribution,contributionMarginPercent", lines[0]);
        Assert.Equal("Amazon,USD,1390,2011,48210.55,45000,7850.10,false,5400.25,1210,17520.40,16229.80,33.66", lines[2]);
        Assert.StartsWith("Walmart,USD,402,530,9120,,", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("Total,", lines[4], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void Workbook_OpensWithOpenXml_WithNumbersAsNumbersFormatsFrozenHeadersAndColumnWidths()
    {
        var xlsx = File(MonthlyReportFiles.Render(SampleReports.November()), MonthlyReportFiles.ReviewXlsx);

        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["P&L", "Channel contribution", "Findings", "Roadmap", "Recovery"], sheets.Select(s => s.Name!.Value));
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        foreach (var sheet in sheets)
        {
            var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
            var pane = worksheet.SheetViews!.Elements<SheetView>().Single().Elements<Pane>().Single();
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.Equal("A2", pane.TopLeftCell!.Value);
            Assert.Equal(1d, pane.VerticalSplit!.Value);
            var columns = worksheet.Elements<Columns>().Single().Elements<Column>().ToList();
            Assert.All(columns, c => Assert.True(c.CustomWidth!.Value && c.Width!.Value > 0, $"{sheet.Name}: column {c.Min} has no width."));
            Assert.Equal(worksheet.Descendants<Row>().First().Elements<Cell>().Count(), columns.Count);
        }

        var pnl = ((WorksheetPart)workbook.GetPartById(sheets[0].Id!)).Worksheet;
        var amazon = pnl.Descendants<Row>().Single(r => r.RowIndex!.Value == 3).Elements<Cell>().ToList();
        var revenue = amazon.Single(c => c.CellReference == "D3");
        Assert.Equal(CellValues.Number, revenue.DataType!.Value);
        Assert.Equal("48210.55", revenue.CellValue!.Text);
        Assert.Equal(4u, formats[(int)revenue.StyleIndex!.Value].NumberFormatId!.Value);
        var margin = amazon.Single(c => c.CellReference == "M3");
        Assert.Equal("0.3366", margin.CellValue!.Text);
        Assert.Equal(10u, formats[(int)margin.StyleIndex!.Value].NumberFormatId!.Value);
        var orders = amazon.Single(c => c.CellReference == "B3");
        Assert.Equal(CellValues.Number, orders.DataType!.Value);
        Assert.Equal(3u, formats[(int)orders.StyleIndex!.Value].NumberFormatId!.Value);
    }

    [Fact]
    public void Html_HoldsTheThreeChartsAsInlineSvgAndNoScript()
    {
        var html = Encoding.UTF8.GetString(File(MonthlyReportFiles.Render(SampleReports.November()), MonthlyReportFiles.ReviewHtml));

        foreach (var chart in new[] { "chart-revenue-vs-target", "chart-contribution-waterfall", "chart-top-findings" })
        {
            Assert.Contains($"<svg id=\"{chart}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("<title>Amazon revenue: 48,211</title>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Amazon target: 45,000</title>", html, StringComparison.Ordinal);
        Assert.Contains("FeesAboveSchedule: referral fee on Amazon above schedule (14 SKUs): 1,320", html, StringComparison.Ordinal);
        Assert.Contains("&lt;unsold 90 days&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
    }

    private static byte[] File(IReadOnlyList<ReportFileContent> files, string name) => files.Single(f => f.Name == name).Content.ToArray();
}
