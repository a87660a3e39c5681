using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Infrastructure.Review.Operations;
using static ServerlessOps.Functions.Tests.Reviews.ReviewTestData;

namespace ServerlessOps.Functions.Tests.Timers;

/// <summary>
/// The weekly report timer catches up: a week whose every hourly attempt failed is written by a later run, within
/// <c>Reports:CatchUpWeeks</c>, never for a week that ended before the brand went live.
/// </summary>
public sealed class WriteWeeklyReportsTests(FunctionAppFixture fixture)
{
    private const string Fresh = "fresh";
    private const string Midweek = "midweek";
    private const string Launch = "launch";

    /// <summary>07:00 on Friday 4 December in New York: the last complete week is 2026-W48 (23 to 29 November).</summary>
    private static readonly DateTimeOffset Today = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// The timer wrote only last week's report: when every attempt of a week failed (an outage across the week's run
    /// window, a deployment gap), that week's report was never written, and finance had a gap in the weekly series.
    /// </summary>
    [Fact]
    public async Task WeeklyReports_WeeksBeforeLastWeekNeverWritten_AreWrittenByThisRun_OldestFirst_WithinTheCatchUpWeeks()
    {
        await using var app = await StartAsync();
        var archive = app.Services.GetRequiredService<IReportArchive>();

        await ReportTimerApp.Weekly(app, Today).WriteAsync(Token);

        var twoWeeksBefore = await archive.GetAsync(Acme, ReportKind.Weekly, "2026-W46", Token);
        var weekBefore = await archive.GetAsync(Acme, ReportKind.Weekly, "2026-W47", Token);
        var lastWeek = await archive.GetAsync(Acme, ReportKind.Weekly, "2026-W48", Token);
        Assert.NotNull(twoWeeksBefore); // Reports:CatchUpWeeks = 2
        Assert.NotNull(weekBefore);
        Assert.NotNull(lastWeek);
        Assert.True(twoWeeksBefore.WrittenAt <= weekBefore.WrittenAt, "the older missing week is written first");
        Assert.True(weekBefore.WrittenAt <= lastWeek.WrittenAt, "the missing weeks are written before last week's");
        Assert.Null(await archive.GetAsync(Acme, ReportKind.Weekly, "2026-W45", Token));
        Assert.Equal(0, await ReportTimerApp.Weekly(app, Today.AddHours(1)).WriteAsync(Token));
    }

    [Fact]
    public async Task WeeklyReports_ABrandThatWentLiveLastWeek_GetsNoReportForTheWeeksBefore()
    {
        await using var app = await StartAsync();
        var archive = app.Services.GetRequiredService<IReportArchive>();

        await ReportTimerApp.Weekly(app, Today).WriteAsync(Token);

        Assert.NotNull(await archive.GetAsync(Acme, ReportKind.Weekly, "2026-W47", Token)); // the same run caught up a brand live long before
        Assert.NotNull(await archive.GetAsync(Fresh, ReportKind.Weekly, "2026-W48", Token));
        Assert.Null(await archive.GetAsync(Fresh, ReportKind.Weekly, "2026-W47", Token));
        Assert.Null(await archive.GetAsync(Fresh, ReportKind.Weekly, "2026-W46", Token));
    }

    /// <summary>
    /// A week the brand went live in is reported whole, as last week's report always was: the week is late, not partial,
    /// so it is written; the week before it is not.
    /// </summary>
    [Fact]
    public async Task WeeklyReports_ALateWeekTheBrandWentLiveIn_IsWritten_TheWeekBeforeItIsNot()
    {
        await using var app = await StartAsync();
        var archive = app.Services.GetRequiredService<IReportArchive>();

        await ReportTimerApp.Weekly(app, Today).WriteAsync(Token);

        Assert.NotNull(await archive.GetAsync(Midweek, ReportKind.Weekly, "2026-W47", Token));
        Assert.Null(await archive.GetAsync(Midweek, ReportKind.Weekly, "2026-W46", Token));
    }

    /// <summary>
    /// A rule's alert follows the newest day the daily check ran; a week written late must not raise or clear one, even
    /// when its days breached a rule of the roadmap.
    /// </summary>
    [Fact]
    public async Task WeeklyReports_ALateWeekWhoseDaysBreachARule_RaisesNoAlert()
    {
        await using var app = await StartAsync();
        var breakeven = new AlertRuleSpec("campaign-breakeven", "tee-ads", null, "TEE", "tee-ads", 1m, Owner, "Campaign tee-ads returns at least its spend");
        await app.Services.GetRequiredService<ReviewWorkStore>().WriteJsonAsync(ReviewWorkStore.AlertRules(Acme), new ReviewAlertRules(Acme, "2026-11", [breakeven]), Token);
        await PutAdSpendAsync(app, new DateOnly(2026, 11, 18), "tee-ads", "TEE", 30m, 10m); // Wednesday of 2026-W47

        await ReportTimerApp.Weekly(app, Today).WriteAsync(Token);

        Assert.NotNull(await app.Services.GetRequiredService<IReportArchive>().GetAsync(Acme, ReportKind.Weekly, "2026-W47", Token));
        Assert.Empty(await app.Services.GetRequiredService<IAlertStore>().ListAsync(Acme, kind: AlertKind.ReviewRuleBreached, cancellationToken: Token));
    }

    /// <summary>
    /// A brand onboarded this morning sold nothing live last week: a report of that week told finance "no sales". The
    /// week it goes live in is its first weekly report. (No weekly report touches an alert, so only the daily test asks.)
    /// </summary>
    [Fact]
    public async Task WeeklyReports_ABrandThatGoesLiveToday_GetsNoReportForLastWeek_AndTheRunSaysWhyOnce()
    {
        await using var app = await StartAsync();
        var log = new FakeLogger<WriteWeeklyReports>();

        await ReportTimerApp.Weekly(app, Today, log).WriteAsync(Token);

        var archive = app.Services.GetRequiredService<IReportArchive>();
        Assert.Null(await archive.GetAsync(Launch, ReportKind.Weekly, "2026-W48", Token));
        Assert.Null(await archive.GetAsync(Launch, ReportKind.Weekly, "2026-W47", Token));
        var why = Assert.Single(log.Collector.GetSnapshot(), r => r.Message.Contains($"brand {Launch} for 2026-W48", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, why.Level);
        Assert.Contains("go-live", why.Message, StringComparison.Ordinal);
    }

    private Task<TestApp> StartAsync() => ReportTimerApp.StartWithBrandsAsync(fixture, new Dictionary<string, string>
    {
        [Fresh] = "2026-11-25T10:00:00-05:00", // Wednesday of 2026-W48
        [Midweek] = "2026-11-18T10:00:00-05:00", // Wednesday of 2026-W47
        [Launch] = "2026-12-04T06:00:00-05:00", // this morning, Friday of 2026-W49
    });
}
