using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Data;
using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Infrastructure.Review.Operations;
using static ServerlessOps.Functions.Tests.Reviews.ReviewTestData;

namespace ServerlessOps.Functions.Tests.Timers;

/// <summary>
/// The daily report timer catches up: a day whose every hourly attempt failed is written by a later day's run, within
/// <c>Reports:CatchUpDays</c>, never for a day before the brand went live.
/// </summary>
public sealed class WriteDailyReportsTests(FunctionAppFixture fixture)
{
    private const string Fresh = "fresh";
    private const string Launch = "launch";

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

    /// <summary>
    /// A brand onboarded today sold nothing live yesterday: a report of that day told finance "no sales", and its check
    /// raised (or cleared) the roadmap's alerts on no data. Its go-live at today's first instant is the edge case: yesterday
    /// ended at go-live, not after it.
    /// </summary>
    [Fact]
    public async Task DailyReports_ABrandThatGoesLiveToday_GetsNoReportForYesterday_NorAnAlert_AndTheRunSaysWhyOnce()
    {
        await using var app = await StartAsync();
        var breakeven = new AlertRuleSpec("campaign-breakeven", "tee-ads", null, "TEE", "tee-ads", 1m, Owner, "Campaign tee-ads returns at least its spend");
        await app.Services.GetRequiredService<ReviewWorkStore>().WriteJsonAsync(ReviewWorkStore.AlertRules(Launch), new ReviewAlertRules(Launch, "2026-11", [breakeven]), Token);
        await Data(app).PutAdSpendAsync(
            new AdSpendDay(Launch, new DateOnly(2026, 12, 3), SalesChannel.Shopify, "tee-ads", "TEE", 30m, 10m, 1, "USD", "ads:20261203:tee-ads"), Token);
        var log = new FakeLogger<WriteDailyReports>();

        await ReportTimerApp.Daily(app, Today, log).WriteAsync(Token);

        Assert.Null(await app.Services.GetRequiredService<IReportArchive>().GetAsync(Launch, ReportKind.Daily, "2026-12-03", Token));
        Assert.Empty(await app.Services.GetRequiredService<IAlertStore>().ListAsync(Launch, kind: AlertKind.ReviewRuleBreached, cancellationToken: Token));
        var why = Assert.Single(log.Collector.GetSnapshot(), r => r.Message.Contains($"brand {Launch} for 2026-12-03", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, why.Level);
        Assert.Contains("go-live", why.Message, StringComparison.Ordinal);
    }

    private Task<TestApp> StartAsync() => ReportTimerApp.StartWithBrandsAsync(fixture, new Dictionary<string, string>
    {
        [Fresh] = "2026-12-03T10:00:00-05:00",
        [Launch] = "2026-12-04T00:00:00-05:00", // today's first instant: yesterday ended at it
    });
}
