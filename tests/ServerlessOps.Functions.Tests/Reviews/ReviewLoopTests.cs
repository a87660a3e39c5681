using System.Net;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Reports;
using static ServerlessOps.Functions.Tests.Reviews.ReviewTestData;

namespace ServerlessOps.Functions.Tests.Reviews;

/// <summary>
/// Two monthly reviews in a row on the real engine and stores: the loop closes (last cycle's roadmap against what was
/// recovered), a late refund lands in the next month as a restatement, a brand selling in two currencies is converted at
/// each order day's imported rate, a missing rate fails the review naming it, and "latest" is only ever a complete review.
/// </summary>
public sealed class ReviewLoopTests(FunctionAppFixture fixture)
{
    private static readonly ReviewMonth October = new(2026, 10);
    private static readonly ReviewMonth November = new(2026, 11);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NextMonthsReview_ReportsLastRoadmapAgainstWhatWasRecovered_RestatesALateRefund_AndConvertsEachCurrencyAtItsDaysRate()
    {
        await using var app = await StartAsync();
        await PutItemAsync(app, "TEE", 25m, null, 4m);
        await PutItemAsync(app, "MUG", 25m, 15m, 17m); // floor max(15, 17 / (1 − 15 %)) = 20.00, no fees
        for (var day = 5; day <= 9; day++)
        {
            await PutOrderAsync(app, $"mug-oct-{day}", NewYork(2026, 10, day), "MUG-S", 2, 12m); // 10 units 8.00 under the floor: 80.00
        }

        // An October order refunded on 15 November, after October closed: November restates October by its net.
        await PutOrderAsync(app, "tee-oct", NewYork(2026, 10, 20), "TEE-S", 2, 25m, refunds:
            [new OrderRefund("R1", NewYork(2026, 11, 15), 25m, 0m, "late return", [new RefundLine("L1", 1, 25m, 0m, Returned: true)])]);

        // November: MUG partly repriced (4 units under the floor: 32.00); TEE sold in USD and EUR.
        await PutOrderAsync(app, "mug-nov-1", NewYork(2026, 11, 3), "MUG-S", 2, 12m);
        await PutOrderAsync(app, "mug-nov-2", NewYork(2026, 11, 4), "MUG-S", 2, 12m);
        await PutOrderAsync(app, "tee-usd", NewYork(2026, 11, 3), "TEE-S", 2, 25m);
        await PutRateAsync(app, new DateOnly(2026, 11, 1), "EUR", 1.10m);
        await PutRateAsync(app, new DateOnly(2026, 11, 10), "EUR", 1.20m);
        await PutOrderAsync(app, "tee-eur-5th", NewYork(2026, 11, 5), "TEE-S", 1, 100m, currency: "EUR");   // 1.10: 110.00
        await PutOrderAsync(app, "tee-eur-12th", NewYork(2026, 11, 12), "TEE-S", 1, 33.33m, currency: "EUR"); // 1.20: 39.996
        await PutOrderAsync(app, "tee-eur-13th", NewYork(2026, 11, 13), "TEE-S", 1, 33.33m, currency: "EUR"); // 1.20: 39.996

        var october = await RunReviewAsync(app, October);
        Assert.True(october.RuntimeStatus == OrchestrationRuntimeStatus.Completed, october.SerializedOutput);
        var octoberReport = await ReadReportAsync(app, October);
        var floorThen = Assert.Single(octoberReport.Roadmap, i => i.RootCause == "price-floor:shopify");
        Assert.Equal(80.00m, floorThen.MonthlyMoney);
        Assert.Equal(0m, Total(octoberReport).Refunds); // the refund came after October closed
        Assert.Empty(octoberReport.Restatements);

        // While November's review runs, "latest" is October: the complete one.
        using (var start = await app.Client.Http.PostAsync(new Uri($"api/brands/{Acme}/reviews/{November}", UriKind.Relative), null, Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }

        Assert.Equal("2026-10", (await GetJsonAsync(app, $"api/brands/{Acme}/reviews/latest")).GetProperty("period").GetString());
        Assert.Equal("2026-10", (await GetJsonAsync(app, $"api/brands/{Acme}/reports/monthly/latest")).GetProperty("period").GetString());
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        Assert.False((await client.GetInstanceAsync(ReviewIds.For(Acme, November), Token))!.IsCompleted, "November finished before latest was read: the check above proved nothing");
        var november = await Poll.UntilAsync(
            async ct => await client.GetInstanceAsync(ReviewIds.For(Acme, November), ct) is { IsCompleted: true } done ? done : null, "November's review stopped", TimeSpan.FromSeconds(150));
        Assert.True(november.RuntimeStatus == OrchestrationRuntimeStatus.Completed, november.SerializedOutput);
        Assert.Equal("2026-11", (await GetJsonAsync(app, $"api/brands/{Acme}/reviews/latest")).GetProperty("period").GetString());

        var report = await ReadReportAsync(app, November);

        // Loop closure: last cycle's item, then and now, and what was recovered.
        var check = Assert.Single(report.Recovery, r => r.RootCause == "price-floor:shopify");
        Assert.Equal((floorThen.Rank, 80.00m, 32.00m, 48.00m), (check.PreviousRank, check.MonthlyMoneyThen, check.MonthlyMoneyNow, check.Recovered));
        Assert.Equal(Owner, check.Owner);

        // The late refund: shown in November as a restatement of October, not as November's refund.
        var restatement = Assert.Single(report.Restatements);
        Assert.Equal(("shopify:tee-oct", October, -25.00m), (restatement.OrderId, restatement.OriginalMonth, restatement.Amount));
        Assert.Equal(0m, Total(report).Refunds);

        // Two currencies in USD at each order day's rate, rounded once: 48 + 50 + 110 + 39.996 + 39.996 = 287.992.
        Assert.Equal(287.99m, Total(report).Revenue);
        Assert.Equal(287.99m, Assert.Single(report.Pnl, p => p.Channel is not null).Revenue);
        Assert.Equal("USD", report.BaseCurrency);
    }

    [Fact]
    public async Task OrderInACurrencyWithoutAnImportedRate_FailsTheReviewNamingCurrencyAndDay_AndPublishesNothing()
    {
        await using var app = await StartAsync();
        await PutItemAsync(app, "TEE", 25m, null, 4m);
        await PutRateAsync(app, new DateOnly(2026, 11, 1), "EUR", 1.10m);
        await PutOrderAsync(app, "tee-usd", NewYork(2026, 11, 3), "TEE-S", 1, 25m);
        await PutOrderAsync(app, "tee-gbp", NewYork(2026, 11, 5), "TEE-S", 1, 20m, currency: "GBP");

        var review = await RunReviewAsync(app, November, TimeSpan.FromSeconds(180));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, review.RuntimeStatus);
        var view = await GetJsonAsync(app, $"api/brands/{Acme}/reviews/{November}");
        var failure = view.GetProperty("failure").GetString();
        Assert.Contains("GBP", failure, StringComparison.Ordinal);
        Assert.Contains("2026-11-05", failure, StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<IReportArchive>().ListAsync(Acme, ReportKind.Monthly, Token));
        using var latest = await app.Client.Http.GetAsync(new Uri($"api/brands/{Acme}/reviews/latest", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.NotFound, latest.StatusCode);
    }

    [Fact]
    public async Task NextMonthsReview_ResolvesLastMonthsAssignedFixes_SayingWhatWasRecovered_AndAnOlderMonthRerunReopensNone()
    {
        await using var app = await StartAsync();
        await PutItemAsync(app, "TEE", 25m, null, 4m);
        await PutItemAsync(app, "MUG", 25m, 15m, 17m); // floor 20.00
        await PutOrderAsync(app, "tee-oct", NewYork(2026, 10, 2), "TEE-S", 20, 25m);
        await PutOrderAsync(app, "mug-oct", NewYork(2026, 10, 5), "MUG-S", 10, 12m);   // 80.00 under the floor
        await PutOrderAsync(app, "ghost-oct", NewYork(2026, 10, 6), "GHOST-S", 3, 30m); // a channel SKU mapped to nothing
        await PutOrderAsync(app, "tee-nov", NewYork(2026, 11, 2), "TEE-S", 20, 25m);
        await PutOrderAsync(app, "mug-nov", NewYork(2026, 11, 5), "MUG-S", 4, 12m);    // 32.00 under the floor; GHOST-S mapped or gone
        var alerts = app.Services.GetRequiredService<IAlertStore>();

        var october = await RunReviewAsync(app, October);
        Assert.True(october.RuntimeStatus == OrchestrationRuntimeStatus.Completed, october.SerializedOutput);
        var octoberItems = (await ReadReportAsync(app, October)).Roadmap.Select(i => $"2026-10:{i.RootCause}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["2026-10:price-floor:shopify", "2026-10:unmapped:shopify"], octoberItems);
        Assert.Equal(octoberItems, await AssignedAsync(alerts, AlertState.Open));

        var november = await RunReviewAsync(app, November);
        Assert.True(november.RuntimeStatus == OrchestrationRuntimeStatus.Completed, november.SerializedOutput);

        // Only November's item is open; October's say what November found.
        Assert.Equal(["2026-11:price-floor:shopify"], await AssignedAsync(alerts, AlertState.Open));
        var closed = (await alerts.ListAsync(Acme, AlertState.Resolved, AlertKind.ReviewActionAssigned, Token)).ToDictionary(a => a.Subject.Id, StringComparer.Ordinal);
        var unmapped = (await ReadReportAsync(app, November)).Recovery.Single(r => r.RootCause == "unmapped:shopify");
        Assert.Equal(
            $"Monthly review 2026-11 no longer finds it; {unmapped.Recovered.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} USD a month recovered since 2026-10.",
            closed["2026-10:unmapped:shopify"].Resolution);
        Assert.Equal(
            "Monthly review 2026-11 carries it into its roadmap as item 1 (32.00 a month at stake): that item's alert follows it; 48.00 USD a month recovered since 2026-10.",
            closed["2026-10:price-floor:shopify"].Resolution);

        // October reviewed again by hand after November: its items stay closed, November's stays open.
        await app.Services.GetRequiredService<DurableTaskClient>().PurgeInstanceAsync(ReviewIds.For(Acme, October), cancellation: Token);
        var rerun = await RunReviewAsync(app, October);
        Assert.True(rerun.RuntimeStatus == OrchestrationRuntimeStatus.Completed, rerun.SerializedOutput);
        Assert.Equal(["2026-11:price-floor:shopify"], await AssignedAsync(alerts, AlertState.Open));
    }

    private static async Task<List<string>> AssignedAsync(IAlertStore alerts, AlertState state) =>
        [.. (await alerts.ListAsync(Acme, state, AlertKind.ReviewActionAssigned, Token)).Select(a => a.Subject.Id).Order(StringComparer.Ordinal)];

    private static PnlLine Total(MonthlyReport report) => Assert.Single(report.Pnl, p => p.Channel is null);

    private static async Task<MonthlyReport> ReadReportAsync(TestApp app, ReviewMonth month)
    {
        var archive = app.Services.GetRequiredService<IReportArchive>();
        var entry = await archive.GetAsync(Acme, ReportKind.Monthly, month.ToString(), Token);
        Assert.NotNull(entry);
        return MonthlyReportFiles.ReadReport(await archive.ReadFileAsync(entry, MonthlyReportFiles.ReportJson, Token));
    }

    private static async Task<JsonElement> GetJsonAsync(TestApp app, string path)
    {
        using var response = await app.Client.Http.GetAsync(new Uri(path, UriKind.Relative), Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<TestApp> StartAsync()
    {
        var app = TestApp.Start(fixture, TestApp.TriggersOff(new Dictionary<string, string>
        {
            ["Brands:acme:TimeZone"] = "America/New_York",
            ["MonthlyReview:TimersEnabled"] = "false",
        }));
        var brands = app.Services.GetRequiredService<IBrandDirectorySource>();
        await Poll.UntilAsync(_ => Task.FromResult(brands.Current.Brands.ContainsKey(Acme) ? "acme" : null), "brand acme in the registry");
        return app;
    }
}
