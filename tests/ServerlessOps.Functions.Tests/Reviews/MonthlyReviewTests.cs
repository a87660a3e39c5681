using System.Net;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Functions.Tests.Timers;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Infrastructure.Backstop;
using ServerlessOps.Infrastructure.Review.Operations;

namespace ServerlessOps.Functions.Tests.Reviews;

/// <summary>
/// The monthly loop on the real engine (Azurite), the real order, alert and report stores: brand <c>acme</c> in New York
/// and brand <c>tokyo</c> in Tokyo, their orders written to the truth by the test.
/// </summary>
public sealed class MonthlyReviewTests(FunctionAppFixture fixture)
{
    private const string Acme = "acme";
    private const string Tokyo = "tokyo";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DuplicateTicksAndStarts_MakeOneInstancePerBrandAndMonth_EachBrandAfterSixLocal()
    {
        await using var app = await StartAsync();
        var client = app.Services.GetRequiredService<DurableTaskClient>();

        // 10:30 UTC on 1 Dec: 19:30 in Tokyo (November due), 05:30 in New York (November not yet: October is caught up).
        var early = Tick(app, new DateTimeOffset(2026, 12, 1, 10, 30, 0, TimeSpan.Zero));
        await Task.WhenAll(early.TickAsync(client, Token), early.TickAsync(client, Token), early.TickAsync(client, Token));
        using var again = await app.Client.Http.PostAsync(new Uri("api/brands/tokyo/reviews/2026-11", UriKind.Relative), null, Token);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["monthly-review:acme:2026-10", "monthly-review:tokyo:2026-11"], await InstancesAsync(client));

        var late = Tick(app, new DateTimeOffset(2026, 12, 1, 11, 30, 0, TimeSpan.Zero)); // 06:30 in New York
        Assert.Equal(1, await late.TickAsync(client, Token));
        Assert.Equal(0, await late.TickAsync(client, Token));
        Assert.Equal(["monthly-review:acme:2026-10", "monthly-review:acme:2026-11", "monthly-review:tokyo:2026-11"], await InstancesAsync(client));
    }

    [Fact]
    public async Task EightRacingStarts_TicksAndManualStartsAtOnce_ScheduleEachBrandsReviewOnce_AndItPublishesOneReport()
    {
        await using var app = await StartAsync();
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        await WriteOrderAsync(app, "n1", new DateTimeOffset(2026, 11, 10, 15, 0, 0, TimeSpan.Zero), 2, 25m);
        var tick = Tick(app, new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)); // 07:00 in New York, 21:00 in Tokyo: November due for both
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Four ticks (each may start both brands) and four manual starts of acme's November, released together.
        var ticks = Enumerable.Range(0, 4).Select(_ => Task.Run(async () => { await go.Task; return await tick.TickAsync(client, Token); }, Token)).ToList();
        var manual = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            using var response = await app.Client.Http.PostAsync(new Uri("api/brands/acme/reviews/2026-11", UriKind.Relative), null, Token);
            return response.StatusCode;
        }, Token)).ToList();
        go.SetResult();
        var started = (await Task.WhenAll(ticks)).Sum();
        var answers = await Task.WhenAll(manual);

        Assert.All(answers, a => Assert.True(a is HttpStatusCode.OK or HttpStatusCode.Accepted, a.ToString()));
        Assert.Equal(2, started + answers.Count(a => a == HttpStatusCode.Accepted)); // acme once, tokyo once, whoever won
        Assert.Equal(["monthly-review:acme:2026-11", "monthly-review:tokyo:2026-11"], await InstancesAsync(client));
        var claims = app.Services.GetRequiredService<IReviewStartClaims>();
        var claim = await claims.ReadAsync(Acme, new Domain.Review.ReviewMonth(2026, 11), Token);
        Assert.Equal((1, true), (claim!.Generation, claim.Scheduled));

        var done = await Poll.UntilAsync(
            async ct => await client.GetInstanceAsync(ReviewIds.For(Acme, new Domain.Review.ReviewMonth(2026, 11)), ct) is { IsCompleted: true } i ? i : null,
            "acme's November review finished", TimeSpan.FromSeconds(120));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Single(await app.Services.GetRequiredService<IReportArchive>().ListAsync(Acme, ReportKind.Monthly, Token));

        // Later ticks and starts meet the completed review: nothing is scheduled again.
        Assert.Equal(0, await tick.TickAsync(client, Token));
        Assert.Equal(1, (await claims.ReadAsync(Acme, new Domain.Review.ReviewMonth(2026, 11), Token))!.Generation);
    }

    [Fact]
    public async Task StartClaim_HeldByAStartThatDiedBeforeScheduling_BlocksOthersForTheLease_ThenTheNextStartTakesItOver()
    {
        await using var app = await StartAsync();
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        var claims = app.Services.GetRequiredService<IReviewStartClaims>();
        var october = new Domain.Review.ReviewMonth(2026, 10);
        var claimedAt = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        Assert.NotNull(await claims.TryClaimAsync(Acme, october, null, "died", claimedAt, Token));
        MonthlyReviewStarter StarterAt(DateTimeOffset now) => new(
            app.Services.GetRequiredService<IOptionsMonitor<MonthlyReviewOptions>>(), claims, new FakeTimeProvider(now));

        Assert.False(await StarterAt(claimedAt.AddMinutes(4)).StartAsync(client, Acme, october, "tick", restartFailed: false, Token));
        Assert.Null(await client.GetInstanceAsync(ReviewIds.For(Acme, october), Token));

        Assert.True(await StarterAt(claimedAt + MonthlyReviewStarter.ClaimLease).StartAsync(client, Acme, october, "tick", restartFailed: false, Token));
        Assert.NotNull(await client.GetInstanceAsync(ReviewIds.For(Acme, october), Token));
        var claim = await claims.ReadAsync(Acme, october, Token);
        Assert.Equal((2, "tick", true), (claim!.Generation, claim.ClaimedBy, claim.Scheduled));
    }

    [Fact]
    public async Task Watchdog_ReviewNotCompleteByTheConfiguredDay_AlertsTheFinanceOwnerOnce()
    {
        await using var app = await StartAsync(new Dictionary<string, string> { ["Brands:acme:Owner"] = "finance@acme.example" });
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        var alerts = app.Services.GetRequiredService<IAlertStore>();
        var watchdog = new WatchReviewCadence(
            app.Services.GetRequiredService<IBrandDirectorySource>(), app.Services.GetRequiredService<MonthlyReviewStarter>(), app.Services.GetRequiredService<IAlertRaiser>(),
            app.Services.GetRequiredService<IReportArchive>(), app.Services.GetRequiredService<IOptionsMonitor<MonthlyReviewOptions>>(), new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero)),
            app.Services, NullLogger<WatchReviewCadence>.Instance);

        Assert.Equal(0, await watchdog.WatchAsync(client, Token)); // day 4: not yet late

        var lateWatchdog = new WatchReviewCadence(
            app.Services.GetRequiredService<IBrandDirectorySource>(), app.Services.GetRequiredService<MonthlyReviewStarter>(), app.Services.GetRequiredService<IAlertRaiser>(),
            app.Services.GetRequiredService<IReportArchive>(), app.Services.GetRequiredService<IOptionsMonitor<MonthlyReviewOptions>>(), new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero)),
            app.Services, NullLogger<WatchReviewCadence>.Instance);
        Assert.Equal(2, await lateWatchdog.WatchAsync(client, Token));
        Assert.Equal(2, await lateWatchdog.WatchAsync(client, Token));

        var alert = Assert.Single(await alerts.ListAsync(Acme, kind: AlertKind.CadenceLapsed, cancellationToken: Token));
        Assert.Equal(AlertSubject.Process("monthly-review:2026-11"), alert.Subject);
        Assert.Equal("finance@acme.example", alert.Owner);
        Assert.Equal("never started", alert.Evidence["status"]);
    }

    [Fact]
    public async Task Watchdog_ReviewCompletedThenItsHistoryPurged_IsNotAlertedAsNeverStarted()
    {
        await using var app = await StartAsync();
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        await WriteOrderAsync(app, "n1", new DateTimeOffset(2026, 11, 10, 15, 0, 0, TimeSpan.Zero), 2, 25m);
        var review = await RunReviewAsync(app, client);
        Assert.True(review.GetProperty("runtimeStatus").GetString() == "Completed", review.ToString());

        // The history purge (30 days from creation by default) ran at 03:30 UTC; at 23:25 on 31 December in New York the
        // watchdog still looks at November.
        await client.PurgeInstanceAsync(ReviewIds.For(Acme, new Domain.Review.ReviewMonth(2026, 11)), cancellation: Token);
        var watchdog = new WatchReviewCadence(
            app.Services.GetRequiredService<IBrandDirectorySource>(), app.Services.GetRequiredService<MonthlyReviewStarter>(), app.Services.GetRequiredService<IAlertRaiser>(),
            app.Services.GetRequiredService<IReportArchive>(), app.Services.GetRequiredService<IOptionsMonitor<MonthlyReviewOptions>>(),
            new FakeTimeProvider(new DateTimeOffset(2027, 1, 1, 4, 25, 0, TimeSpan.Zero)), app.Services, NullLogger<WatchReviewCadence>.Instance);

        await watchdog.WatchAsync(client, Token);

        Assert.Empty(await app.Services.GetRequiredService<IAlertStore>().ListAsync(Acme, kind: AlertKind.CadenceLapsed, cancellationToken: Token));
    }

    [Fact]
    public async Task ReportTimers_WriteEachBrandsDueReportOnceItsLocalTimePassesTheReportHour()
    {
        // Yesterday's and last week's only: catching up is WriteDailyReportsTests and WriteWeeklyReportsTests.
        await using var app = await StartAsync(new() { ["Reports:CatchUpDays"] = "0", ["Reports:CatchUpWeeks"] = "0" });
        var archive = app.Services.GetRequiredService<IReportArchive>();
        var early = new DateTimeOffset(2026, 12, 4, 5, 30, 0, TimeSpan.Zero); // New York 00:30, Tokyo 14:30
        var later = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero); // New York 07:00

        Assert.Equal(1, await ReportTimerApp.Daily(app, early).WriteAsync(Token));
        Assert.NotNull(await archive.GetAsync(Tokyo, ReportKind.Daily, "2026-12-03", Token));
        Assert.Null(await archive.GetAsync(Acme, ReportKind.Daily, "2026-12-03", Token));
        Assert.Equal(1, await ReportTimerApp.Daily(app, later).WriteAsync(Token));
        Assert.NotNull(await archive.GetAsync(Acme, ReportKind.Daily, "2026-12-03", Token));
        Assert.Equal(0, await ReportTimerApp.Daily(app, later).WriteAsync(Token));

        Assert.Equal(2, await ReportTimerApp.Weekly(app, later).WriteAsync(Token));
        Assert.NotNull(await archive.GetAsync(Acme, ReportKind.Weekly, "2026-W48", Token));
        Assert.NotNull(await archive.GetAsync(Tokyo, ReportKind.Weekly, "2026-W48", Token));
        Assert.Equal(0, await ReportTimerApp.Weekly(app, later).WriteAsync(Token));
    }

    /// <summary>
    /// The backstop files its counts under UTC days, and a daily report reads the UTC day of its date. At 06:45 in Tokyo
    /// that day still had 2 h 15 min to go, and what the backstop found in them was in no report: the next day's reads
    /// the next UTC day.
    /// </summary>
    [Fact]
    public async Task DailyReport_OfABrandAheadOfUtc_WaitsUntilItsUtcDayEnds_SoNoMissedOrderOfThatDayIsLost()
    {
        await using var app = await StartAsync();
        var day = new DateOnly(2026, 12, 3);

        await ReportTimerApp.Daily(app, new DateTimeOffset(2026, 12, 3, 21, 45, 0, TimeSpan.Zero)).WriteAsync(Token); // 06:45 on the 4th in Tokyo
        await app.Services.GetRequiredService<BackstopStore>().AddAsync(Tokyo, day, "shopify", ["shopify:1@v1"], [], [], Token); // found at 23:34 UTC
        await ReportTimerApp.Daily(app, new DateTimeOffset(2026, 12, 4, 0, 45, 0, TimeSpan.Zero)).WriteAsync(Token);

        var archive = app.Services.GetRequiredService<IReportArchive>();
        var entry = await archive.GetAsync(Tokyo, ReportKind.Daily, "2026-12-03", Token);
        Assert.NotNull(entry);
        var report = JsonDocument.Parse((await archive.ReadFileAsync(entry, OperatingReportFiles.Json, Token))!).RootElement;
        Assert.Equal(1, report.GetProperty("total").GetProperty("missedOrders").GetInt32());
    }

    [Fact]
    public async Task DailyReport_CarriesTheBackstopsMissedAndLateCountsPerChannel_BesideRevenue()
    {
        await using var app = await StartAsync();
        var day = new DateOnly(2026, 12, 2);
        await app.Services.GetRequiredService<BackstopStore>().AddAsync(Acme, day, "shopify", ["shopify:1@v1", "shopify:2@v1"], ["shopify:3@v1"], [], Token);
        await app.Services.GetRequiredService<BackstopStore>().AddAsync(Acme, day, "walmart", [], ["walmart:9@v1"], [], Token);
        await WriteOrderAsync(app, "d1", new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero), 2, 25m);

        var entry = await app.Services.GetRequiredService<OperatingReports>().WriteDailyAsync(Acme, day, Token);

        Assert.Equal((ReportKind.Daily, "2026-12-02", "ops@acme-outfitters.example"), (entry.Kind, entry.Period, entry.Owner));
        var json = await app.Services.GetRequiredService<IReportArchive>().ReadFileAsync(entry, OperatingReportFiles.Json, Token);
        var report = JsonDocument.Parse(json!).RootElement;
        var channels = report.GetProperty("channels").EnumerateArray().ToDictionary(c => c.GetProperty("channel").GetString()!);
        Assert.Equal((1, 50m, 2, 1), (channels["Shopify"].GetProperty("orders").GetInt32(), channels["Shopify"].GetProperty("revenue").GetDecimal(),
            channels["Shopify"].GetProperty("missedOrders").GetInt32(), channels["Shopify"].GetProperty("lateOrders").GetInt32()));
        Assert.Equal((0, 1), (channels["Walmart"].GetProperty("missedOrders").GetInt32(), channels["Walmart"].GetProperty("lateOrders").GetInt32()));
        Assert.Equal((2, 2), (report.GetProperty("total").GetProperty("missedOrders").GetInt32(), report.GetProperty("total").GetProperty("lateOrders").GetInt32()));
    }

    /// <summary>
    /// A brand whose settings name no owner is seeded with the placeholder owner-unset@serverlessops.invalid. Its reports
    /// used to name that address as their owner, which reaches nobody, where finance must read that nobody owns them.
    /// </summary>
    [Fact]
    public async Task DailyReport_OfABrandSeededWithoutAnOwner_SaysUnassigned()
    {
        await using var app = await StartAsync(new Dictionary<string, string> { ["Brands:ownerless:TimeZone"] = "America/New_York" });
        var brands = app.Services.GetRequiredService<IBrandDirectorySource>();
        await Poll.UntilAsync(_ => Task.FromResult(brands.Current.Brands.ContainsKey("ownerless") ? "seeded" : null), "brand ownerless in the registry");

        var entry = await app.Services.GetRequiredService<OperatingReports>().WriteDailyAsync("ownerless", new DateOnly(2026, 12, 2), Token);

        Assert.Equal("unassigned", entry.Owner);
    }

    [Fact]
    public async Task FullReview_OfASmallBrand_PublishesItsFiles_AndTheSameDataGivesTheSameVersionOnARerun()
    {
        await using var app = await StartAsync();
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        await WriteOrderAsync(app, "n1", new DateTimeOffset(2026, 11, 10, 15, 0, 0, TimeSpan.Zero), 2, 25m);
        await WriteOrderAsync(app, "n2", new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero), 1, 40m);
        await WriteOrderAsync(app, "o1", new DateTimeOffset(2026, 10, 20, 15, 0, 0, TimeSpan.Zero), 1, 40m);

        var first = await RunReviewAsync(app, client);

        Assert.True(first.GetProperty("runtimeStatus").GetString() == "Completed", first.ToString());
        Assert.Equal(nameof(ReviewPhase.Done), first.GetProperty("status").GetProperty("Phase").GetString());
        var result = first.GetProperty("result");
        var files = result.GetProperty("Files").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("pnl-lines.csv", files);
        Assert.Contains("report.json", files);
        Assert.Contains("findings.json", files);
        Assert.Equal("ops@acme-outfitters.example", result.GetProperty("Owner").GetString());
        var latest = await app.Services.GetRequiredService<IReportArchive>().GetLatestAsync(Acme, ReportKind.Monthly, Token);
        Assert.Equal(result.GetProperty("Version").GetString(), latest!.Version);
        var csv = System.Text.Encoding.UTF8.GetString((await app.Services.GetRequiredService<IReportArchive>().ReadFileAsync(latest, "pnl-lines.csv", Token))!);
        Assert.Equal(3, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header and November's two lines

        await client.PurgeInstanceAsync(ReviewIds.For(Acme, new Domain.Review.ReviewMonth(2026, 11)), cancellation: Token);
        var second = await RunReviewAsync(app, client);

        Assert.Equal(result.GetProperty("Version").GetString(), second.GetProperty("result").GetProperty("Version").GetString());
    }

    private static async Task<JsonElement> RunReviewAsync(TestApp app, DurableTaskClient client)
    {
        using var start = await app.Client.Http.PostAsync(new Uri("api/brands/acme/reviews/2026-11", UriKind.Relative), null, Token);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        await Poll.UntilAsync(
            async ct => await client.GetInstanceAsync(ReviewIds.For(Acme, new Domain.Review.ReviewMonth(2026, 11)), ct) is { IsCompleted: true } done ? done : null,
            "the November review finished", TimeSpan.FromSeconds(120));
        using var response = await app.Client.Http.GetAsync(new Uri("api/brands/acme/reviews/2026-11", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.Clone();
    }

    private static Task<Versioned<StoredOrder>> WriteOrderAsync(TestApp app, string id, DateTimeOffset placedAt, int quantity, decimal price) =>
        app.Services.GetRequiredService<IOrderStore>().CreateAsync(new StoredOrder(OrderLedger.Settle(new Order
        {
            BrandId = Acme,
            Channel = SalesChannel.Shopify,
            ChannelAccountId = "acme-outfitters.myshopify.com",
            ExternalOrderId = id,
            Status = OrderStatus.AwaitingFulfilment,
            ChannelStatus = "paid",
            Currency = "USD",
            Lines = [new OrderLine("L1", "TEE", null, quantity, price, 0m, 0m)],
            PlacedAt = placedAt,
            Version = new OrderVersion(placedAt),
            IsHistory = true,
        }), [], placedAt), Token);

    private static async Task<IReadOnlyList<string>> InstancesAsync(DurableTaskClient client)
    {
        var ids = new List<string>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = ReviewIds.Prefix }).WithCancellation(Token))
        {
            ids.Add(instance.InstanceId);
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }

    private static StartMonthlyReviews Tick(TestApp app, DateTimeOffset now) => new(
        app.Services.GetRequiredService<IBrandDirectorySource>(), app.Services.GetRequiredService<MonthlyReviewStarter>(),
        app.Services.GetRequiredService<IOptionsMonitor<MonthlyReviewOptions>>(), new FakeTimeProvider(now), app.Services, NullLogger<StartMonthlyReviews>.Instance);

    private async Task<TestApp> StartAsync(Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Brands:acme:TimeZone"] = "America/New_York",
            ["Brands:tokyo:DisplayName"] = "Tokyo Goods",
            ["Brands:tokyo:Owner"] = "finance@tokyo.example",
            ["Brands:tokyo:TimeZone"] = "Asia/Tokyo",
            ["Brands:tokyo:BaseCurrency"] = "JPY",
            ["MonthlyReview:TimersEnabled"] = "false",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        var app = TestApp.Start(fixture, TestApp.TriggersOff(settings));
        var brands = app.Services.GetRequiredService<IBrandDirectorySource>();
        await Poll.UntilAsync(
            _ => Task.FromResult(brands.Current.Brands.ContainsKey(Acme) && brands.Current.Brands.ContainsKey(Tokyo) ? "both" : null),
            "brands acme and tokyo in the registry");
        return app;
    }
}
