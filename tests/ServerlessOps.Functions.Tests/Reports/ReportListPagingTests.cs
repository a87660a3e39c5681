using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Reports;

namespace ServerlessOps.Functions.Tests.Reports;

/// <summary>
/// The reports list and the download-link audit answer in pages inside their wrappers (?limit=, ?after=, Link rel="next"),
/// because a brand publishes a daily report every day and every link ever handed out is kept, and both lists read them all.
/// </summary>
public sealed class ReportListPagingTests(FunctionAppFixture fixture)
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reports_MoreThanAPageOfEveryKind_LinkChainListsEachOnceMonthlyWeeklyDailyNewestPeriodFirst()
    {
        await using var app = StartApp();
        var published = await PublishAsync(
            app,
            (ReportKind.Daily, "2026-11-29", "a"), (ReportKind.Daily, "2026-11-30", "a"), (ReportKind.Daily, "2026-11-30", "b"),
            (ReportKind.Weekly, "2026-W47", "a"), (ReportKind.Weekly, "2026-W48", "a"),
            (ReportKind.Monthly, "2026-10", "a"), (ReportKind.Monthly, "2026-11", "a"), (ReportKind.Monthly, "2026-11", "b"));

        var pages = await PagedList.GetAllPagesAsync(app.Client.Http, "/api/brands/acme/reports?limit=3", "reports");

        // Versions of one period tie on the period: they follow by version, descending.
        var expected = published.OrderBy(e => e.Kind).ThenByDescending(e => e.Period, StringComparer.Ordinal).ThenByDescending(e => e.Version, StringComparer.Ordinal);
        Assert.Equal(expected.Select(Label), pages.SelectMany(p => p.Items).Select(r => $"{r.Str("kind")}:{r.Str("period")}:{r.Str("version")}"));
        Assert.Equal([3, 3, 2], pages.Select(p => p.Items.Length));
        Assert.Null(pages[^1].Next);
    }

    [Fact]
    public async Task Reports_OneKindOverMoreThanAPage_LinkKeepsTheKindFilter()
    {
        await using var app = StartApp();
        var published = await PublishAsync(
            app,
            (ReportKind.Daily, "2026-11-28", "a"), (ReportKind.Daily, "2026-11-29", "a"), (ReportKind.Daily, "2026-11-30", "a"),
            (ReportKind.Daily, "2026-11-30", "b"), (ReportKind.Monthly, "2026-11", "a"));

        var pages = await PagedList.GetAllPagesAsync(app.Client.Http, "/api/brands/acme/reports?kind=daily&limit=2", "reports");

        var expected = published.Where(e => e.Kind == ReportKind.Daily)
            .OrderByDescending(e => e.Period, StringComparer.Ordinal).ThenByDescending(e => e.Version, StringComparer.Ordinal);
        Assert.Equal(expected.Select(Label), pages.SelectMany(p => p.Items).Select(r => $"{r.Str("kind")}:{r.Str("period")}:{r.Str("version")}"));
        Assert.Contains("kind=daily", pages[0].Next, StringComparison.Ordinal);
        Assert.Equal(2, pages.Count);
        Assert.Null(pages[^1].Next);
    }

    [Fact]
    public async Task ReportLinks_MoreThanAPageWithTiedTimes_LinkChainListsEachOnceNewestFirstTiesByIdDescending()
    {
        await using var app = StartApp();
        var entry = Assert.Single(await PublishAsync(app, (ReportKind.Monthly, "2026-11", "a")));
        var time = new FakeTimeProvider(Noon);
        var links = ActivatorUtilities.CreateInstance<ReportLinks>(app.Services, (TimeProvider)time);
        var issued = new List<ReportLinkRecord>();
        foreach (var minutes in new[] { 0, 0, 1, 2, 2, 2, 3 })
        {
            time.SetUtcNow(Noon.AddMinutes(minutes));
            var link = await links.IssueAsync(entry, "report.csv", null, "finance-acme", Token);
            issued.Add(link!.Record);
        }

        var pages = await PagedList.GetAllPagesAsync(app.Client.Http, "/api/brands/acme/reports/links?limit=3", "links");

        var expected = issued.OrderByDescending(r => r.IssuedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(r => r.Id);
        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(r => r.Str("id")));
        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Length));
        Assert.Null(pages[^1].Next);
    }

    private static string Label(ReportEntry entry) => $"{entry.Kind}:{entry.Period}:{entry.Version}";

    private TestApp StartApp() =>
        TestApp.Start(fixture, TestApp.TriggersOff(new Dictionary<string, string> { ["Reports:BlobContainer"] = $"reports-{Guid.NewGuid():N}"[..30] }));

    /// <summary>One small CSV report per (kind, period, content); a different content is a second version of the period.</summary>
    private static async Task<List<ReportEntry>> PublishAsync(TestApp app, params (ReportKind Kind, string Period, string Content)[] reports)
    {
        var archive = app.Services.GetRequiredService<IReportArchive>();
        var entries = new List<ReportEntry>();
        foreach (var (kind, period, content) in reports)
        {
            var file = new ReportFileContent("report.csv", "text/csv", Encoding.UTF8.GetBytes($"period,{period}\ncontent,{content}\n"));
            entries.Add(await archive.PublishAsync(
                new ReportPublication("acme", kind, period, "finance@acme.example", [file], new Dictionary<string, decimal> { ["revenue"] = 1m }), Token));
        }

        return entries;
    }
}
