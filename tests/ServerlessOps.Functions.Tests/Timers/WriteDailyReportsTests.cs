using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Functions.Timers;
using static ServerlessOps.Functions.Tests.Reviews.ReviewTestData;

namespace ServerlessOps.Functions.Tests.Timers;

/// <summary>
/// The daily report timer catches up: a day whose every hourly attempt failed is written by a later day's run, within
/// <c>Reports:CatchUpDays</c>, never for a day before the brand went live.
/// </summary>
public sealed class WriteDailyReportsTests(FunctionAppFixture fixture)
{
    private const string Fresh = "fresh";

    /// <summary>07:00 on 4 December in New York: yesterday is the 3rd.</summary>
    private static readonly DateTimeOffset Today = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// The timer wrote only yesterday's report: when every attempt of a day failed (Cosmos down all day, a bug fixed the
    /// next morning), that day's report was never written, and finance had a hole in the archive.
    /// </summary>
    [Fact]
    public async Task DailyReports_TheDayBeforeYesterdayNeverWritten_IsWrittenByTodaysRun_OldestFirst_WithinTheCatchUpDays()
    {
        await using var app = await StartAsync();
        var archive = app.Services.GetRequiredService<IReportArchive>();

        await ReportTimerApp.Daily(app, Today).WriteAsync(Token);

        var dayBefore = await archive.GetAsync(Acme, ReportKind.Daily, "2026-12-02", Token);
        var yesterday = await archive.GetAsync(Acme, ReportKind.Daily, "2026-12-03", Token);
        Assert.NotNull(dayBefore);
        Assert.NotNull(yesterday);
        Assert.True(dayBefore.WrittenAt <= yesterday.WrittenAt, "the missing day is written before yesterday's");
        Assert.NotNull(await archive.GetAsync(Acme, ReportKind.Daily, "2026-11-30", Token)); // Reports:CatchUpDays = 3
        Assert.Null(await archive.GetAsync(Acme, ReportKind.Daily, "2026-11-29", Token));
        Assert.Equal(0, await ReportTimerApp.Daily(app, Today.AddHours(1)).WriteAsync(Token));
    }

    [Fact]
    public async Task DailyReports_ABrandThatWentLiveYesterday_GetsNoReportForTheDaysBefore()
    {
        await using var app = await StartAsync();
        var archive = app.Services.GetRequiredService<IReportArchive>();

        await ReportTimerApp.Daily(app, Today).WriteAsync(Token);

        Assert.NotNull(await archive.GetAsync(Fresh, ReportKind.Daily, "2026-12-03", Token));
        Assert.Null(await archive.GetAsync(Fresh, ReportKind.Daily, "2026-12-02", Token));
        Assert.Null(await archive.GetAsync(Fresh, ReportKind.Daily, "2026-12-01", Token));
    }

    private Task<TestApp> StartAsync() => ReportTimerApp.StartWithBrandsAsync(fixture, new Dictionary<string, string>
    {
        [Fresh] = "2026-12-03T10:00:00-05:00",
    });
}
