using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Review.Operations;
using static ServerlessOps.Functions.Tests.Reviews.ReviewTestData;

namespace ServerlessOps.Functions.Tests.Reviews;

/// <summary>
/// The daily and weekly reports on the real stores with crafted truth: the weekly report's figures against the target,
/// open alerts and owner; the daily enforcement of the alert rules a review on the real engine built.
/// </summary>
public sealed class OperatingReportsTests(FunctionAppFixture fixture)
{
    private static readonly ReviewMonth November = new(2026, 11);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WeeklyReport_LastWeeksOrdersInTheLocalWeek_AgainstBothMonthsTargetsProRata_WithOpenAlertsAndTheFinanceOwner()
    {
        await using var app = await StartAsync();
        await PutItemAsync(app, "TEE", 25m, null, 4m);
        await PutOrderAsync(app, "sun-before", NewYork(2026, 11, 29, 23), "TEE-S", 5, 25m);  // Sunday before the week: not in it
        await PutOrderAsync(app, "monday", NewYork(2026, 11, 30, 1), "TEE-S", 2, 25m);      // 06:00 UTC Monday
        await PutOrderAsync(app, "thursday", NewYork(2026, 12, 3), "TEE-S", 1, 40m);
        await PutOrderAsync(app, "sunday-late", NewYork(2026, 12, 6, 23), "TEE-S", 1, 10.50m); // 04:00 UTC Monday 7th, still Sunday in New York
        await PutOrderAsync(app, "next-monday", NewYork(2026, 12, 7, 1), "TEE-S", 3, 25m);
        await PutTargetAsync(app, November, 3000m);                 // 1 of November's 30 days in the week: 100.00
        await PutTargetAsync(app, new ReviewMonth(2026, 12), 6200m); // 6 of December's 31 days: 1,200.00
        await RaiseAtAsync(app.Services.GetRequiredService<IAlertStore>(), AlertKind.ReviewActionAssigned, new AlertSubject("review-item", "2026-11:crafted"), NewYork(2026, 12, 1)); // open through the week's end

        var entry = await app.Services.GetRequiredService<OperatingReports>().WriteWeeklyAsync(Acme, new DateOnly(2026, 11, 30), Token);

        Assert.Equal((ReportKind.Weekly, "2026-W49", Owner), (entry.Kind, entry.Period, entry.Owner));
        var report = await ReadJsonAsync(app, entry);
        var shopify = Assert.Single(report.GetProperty("channels").EnumerateArray());
        Assert.Equal("Shopify", shopify.GetProperty("channel").GetString());
        Assert.Equal((3, 4), (shopify.GetProperty("orders").GetInt32(), shopify.GetProperty("units").GetInt32()));
        Assert.Equal(50m + 40m + 10.50m, shopify.GetProperty("revenue").GetDecimal());
        Assert.Equal(1300.00m, shopify.GetProperty("targetRevenue").GetDecimal());
        Assert.Equal(100.50m - 1300.00m, shopify.GetProperty("versusTarget").GetDecimal());
        Assert.Equal(100.50m, report.GetProperty("total").GetProperty("revenue").GetDecimal());
        var open = Assert.Single(report.GetProperty("openAlerts").EnumerateArray());
        Assert.Equal((nameof(AlertKind.ReviewActionAssigned), 1), (open.GetProperty("kind").GetString(), open.GetProperty("count").GetInt32()));
        Assert.Equal(0, report.GetProperty("rulesChecked").GetInt32()); // the weekly report reports, the daily one enforces
    }

    [Fact]
    public async Task DailyCheck_TheRulesAReviewBuilt_AlertTheirOwnerOnABreachedDay_AndResolveOnAHealthyDay()
    {
        await using var app = await StartAsync();
        await PutItemAsync(app, "TEE", 25m, null, 4m);
        await PutItemAsync(app, "MUG", 25m, 15m, 17m); // floor max(15, 17 / (1 − 15 %)) = 20 before fees
        await PutShopifyFeeAsync(app, 3m);

        // November: TEE sells 20 units with 4.00 charged per line where the schedule says 1.50, then is out of stock three
        // days; its campaign returns 0.5 per dollar; MUG sells under its floor.
        for (var day = 2; day <= 11; day++)
        {
            await PutOrderAsync(app, $"tee-{day}", NewYork(2026, 11, day), "TEE-S", 2, 25m, feeCharged: 4m);
            await PutAdSpendAsync(app, new DateOnly(2026, 11, day), "tee-ads", "TEE", 20m, 10m);
        }

        for (var day = 2; day <= 6; day++)
        {
            await PutOrderAsync(app, $"mug-{day}", NewYork(2026, 11, day), "MUG-S", 2, 12m);
        }

        for (var day = 1; day <= 30; day++)
        {
            await PutSnapshotAsync(app, new DateOnly(2026, 11, day), "TEE", day is >= 25 and <= 27 ? 0 : 40);
        }

        var review = await RunReviewAsync(app, November);
        Assert.True(review.RuntimeStatus == OrchestrationRuntimeStatus.Completed, review.SerializedOutput);
        var rules = await app.Services.GetRequiredService<ReviewWorkStore>().TryReadJsonAsync<ReviewAlertRules>(ReviewWorkStore.AlertRules(Acme), Token);
        Assert.NotNull(rules);
        Assert.Equal("2026-11", rules.Month);
        string[] enforced = ["campaign-breakeven", "fees-above-schedule", "price-floor", "stock-cover"];
        Assert.Subset(rules.Rules.Select(r => r.Kind).ToHashSet(), enforced.ToHashSet());
        Assert.All(rules.Rules, r => Assert.Equal(Owner, r.Owner));

        // 2 December: each rule breached.
        await PutOrderAsync(app, "mug-dec2", NewYork(2026, 12, 2), "MUG-S", 1, 12m);
        await PutOrderAsync(app, "tee-dec2", NewYork(2026, 12, 2), "TEE-S", 1, 25m, feeCharged: 3m);
        await PutSnapshotAsync(app, new DateOnly(2026, 12, 2), "TEE", 5);
        await PutAdSpendAsync(app, new DateOnly(2026, 12, 2), "tee-ads", "TEE", 30m, 10m);
        var reports = app.Services.GetRequiredService<OperatingReports>();

        var breachedDay = await ReadJsonAsync(app, await reports.WriteDailyAsync(Acme, new DateOnly(2026, 12, 2), Token));

        Assert.Equal(rules.Rules.Count, breachedDay.GetProperty("rulesChecked").GetInt32());
        var breaches = breachedDay.GetProperty("rulesBreached").EnumerateArray().Select(b => b.GetString()!).ToList();
        Assert.All(enforced, kind => Assert.Contains(breaches, b => b.StartsWith(kind + " ", StringComparison.Ordinal)));
        var alerts = await app.Services.GetRequiredService<IAlertStore>().ListAsync(Acme, kind: AlertKind.ReviewRuleBreached, cancellationToken: Token);
        Assert.All(enforced, kind =>
        {
            var alert = Assert.Single(alerts, a => a.Evidence["rule"] == kind);
            Assert.Equal((AlertState.Open, Owner, "2026-12-02"), (alert.State, alert.Owner, alert.Evidence["day"]));
        });
        Assert.Equal(BrandSignal.Pricing, alerts.Single(a => a.Evidence["rule"] == "price-floor").Signal);
        Assert.Equal(BrandSignal.Inventory, alerts.Single(a => a.Evidence["rule"] == "stock-cover").Signal);

        // 3 December: every figure healthy again.
        await PutOrderAsync(app, "mug-dec3", NewYork(2026, 12, 3), "MUG-S", 1, 30m);
        await PutOrderAsync(app, "tee-dec3", NewYork(2026, 12, 3), "TEE-S", 1, 25m, feeCharged: 0.75m);
        await PutSnapshotAsync(app, new DateOnly(2026, 12, 3), "TEE", 200);
        await PutAdSpendAsync(app, new DateOnly(2026, 12, 3), "tee-ads", "TEE", 10m, 50m);

        var healthyDay = await ReadJsonAsync(app, await reports.WriteDailyAsync(Acme, new DateOnly(2026, 12, 3), Token));

        Assert.Empty(healthyDay.GetProperty("rulesBreached").EnumerateArray());
        var after = await app.Services.GetRequiredService<IAlertStore>().ListAsync(Acme, kind: AlertKind.ReviewRuleBreached, cancellationToken: Token);
        Assert.All(enforced, kind => Assert.Equal(AlertState.Resolved, Assert.Single(after, a => a.Evidence["rule"] == kind).State));
    }

    /// <summary>
    /// Only a rule still enforced could clear its own breach alert, so a rule a newer month's roadmap dropped left its
    /// owner with an open alert for a check nobody runs any more.
    /// </summary>
    [Fact]
    public async Task DailyCheck_ARuleTheNextRoadmapDrops_HasItsOpenBreachResolved()
    {
        await using var app = await StartAsync();
        var work = app.Services.GetRequiredService<ReviewWorkStore>();
        var reports = app.Services.GetRequiredService<OperatingReports>();
        var breakeven = new AlertRuleSpec("campaign-breakeven", "tee-ads", null, "TEE", "tee-ads", 1m, Owner, "Campaign tee-ads returns at least its spend");
        var otherAds = breakeven with { Subject = "mug-ads", Sku = "MUG", Campaign = "mug-ads", Description = "Campaign mug-ads returns at least its spend" };
        await work.WriteJsonAsync(ReviewWorkStore.AlertRules(Acme), new ReviewAlertRules(Acme, "2026-11", [breakeven]), Token);
        await PutAdSpendAsync(app, new DateOnly(2026, 12, 2), "tee-ads", "TEE", 30m, 10m);
        await reports.WriteDailyAsync(Acme, new DateOnly(2026, 12, 2), Token);
        var store = app.Services.GetRequiredService<IAlertStore>();
        Assert.Equal(AlertState.Open, Assert.Single(await store.ListAsync(Acme, kind: AlertKind.ReviewRuleBreached, cancellationToken: Token)).State);

        // December's review replaces the roadmap: tee-ads is no longer checked, and still spends badly.
        await work.WriteJsonAsync(ReviewWorkStore.AlertRules(Acme), new ReviewAlertRules(Acme, "2026-12", [otherAds]), Token);
        await PutAdSpendAsync(app, new DateOnly(2026, 12, 3), "tee-ads", "TEE", 30m, 10m);
        var day = await ReadJsonAsync(app, await reports.WriteDailyAsync(Acme, new DateOnly(2026, 12, 3), Token));

        Assert.Equal(1, day.GetProperty("rulesChecked").GetInt32());
        var dropped = Assert.Single(await store.ListAsync(Acme, kind: AlertKind.ReviewRuleBreached, cancellationToken: Token));
        Assert.Equal((AlertState.Resolved, "system"), (dropped.State, dropped.ResolvedBy));
    }

    /// <summary>
    /// The open alerts were read from the brand's counts as they stood when the report was written, so a day's report
    /// written again (a publish retried next hour, a second instance) after an alert of that day was resolved, or a new
    /// one raised, came out as a second version of the same day.
    /// </summary>
    [Fact]
    public async Task DailyReport_WrittenAgainAfterAlertsChanged_CountsTheAlertsOpenAtTheDaysEnd_AndKeepsItsVersion()
    {
        await using var app = await StartAsync();
        var store = app.Services.GetRequiredService<IAlertStore>();
        var reports = app.Services.GetRequiredService<OperatingReports>();
        var day = new DateOnly(2026, 12, 2); // New York: until 3 December 05:00 UTC
        var openAllDay = await RaiseAtAsync(store, AlertKind.SlaMissed, new AlertSubject("order", "order-1"), NewYork(2026, 11, 30));
        var closedThatDay = await RaiseAtAsync(store, AlertKind.PushFailed, new AlertSubject("listing", "listing-1"), NewYork(2026, 12, 1));
        await ResolveAtAsync(store, closedThatDay, NewYork(2026, 12, 2, 10));
        var reopenedLater = await RaiseAtAsync(store, AlertKind.SlaMissed, new AlertSubject("order", "order-2"), NewYork(2026, 12, 2, 9));
        var raisedNextDay = NewYork(2026, 12, 3, 9);

        var first = await reports.WriteDailyAsync(Acme, day, Token);
        await ResolveAtAsync(store, openAllDay, NewYork(2026, 12, 3, 8));
        await ResolveAtAsync(store, reopenedLater, NewYork(2026, 12, 3, 8));
        await RaiseAtAsync(store, AlertKind.SlaMissed, new AlertSubject("order", "order-2"), raisedNextDay); // its second episode
        await RaiseAtAsync(store, AlertKind.PushFailed, new AlertSubject("listing", "listing-2"), raisedNextDay);
        var second = await reports.WriteDailyAsync(Acme, day, Token);

        Assert.Equal(first.Version, second.Version);
        var open = (await ReadJsonAsync(app, second)).GetProperty("openAlerts").EnumerateArray()
            .Select(a => (a.GetProperty("kind").GetString(), a.GetProperty("count").GetInt32())).ToList();
        Assert.Equal([(nameof(AlertKind.SlaMissed), 2)], open);
    }

    /// <summary>Two instances writing the same day at once publish one version: the same data gives the same bytes.</summary>
    [Fact]
    public async Task DailyReport_TwoWritersAtOnce_PublishOneVersionOfTheDay()
    {
        await using var app = await StartAsync();
        await PutItemAsync(app, "TEE", 25m, null, 4m);
        await PutOrderAsync(app, "tuesday", NewYork(2026, 12, 2), "TEE-S", 2, 25m);
        await RaiseAtAsync(app.Services.GetRequiredService<IAlertStore>(), AlertKind.SlaMissed, new AlertSubject("order", "order-1"), NewYork(2026, 12, 1));
        var reports = app.Services.GetRequiredService<OperatingReports>();

        var entries = await Task.WhenAll(
            reports.WriteDailyAsync(Acme, new DateOnly(2026, 12, 2), Token), reports.WriteDailyAsync(Acme, new DateOnly(2026, 12, 2), Token));

        Assert.Equal(entries[0].Version, entries[1].Version);
        Assert.Single(await app.Services.GetRequiredService<IReportArchive>().ListAsync(Acme, ReportKind.Daily, Token));
    }

    /// <summary>An alert raised (or raised again after its resolution) at <paramref name="at"/>, written as the raiser writes it.</summary>
    private static async Task<Alert> RaiseAtAsync(IAlertStore store, AlertKind kind, AlertSubject subject, DateTimeOffset at)
    {
        var raise = new AlertRaise(Acme, kind, subject, $"Crafted {kind} {subject.Id}.");
        var current = await store.GetAsync(Acme, AlertIds.For(Acme, kind, raise.Subject), Token);
        var (alert, _) = AlertRaising.Decide(current?.Value, raise, Owner, at, AlertRenotifyPolicy.Default, notify: false);
        return (current is null ? await store.CreateAsync(alert, Token) : await store.ReplaceAsync(current, alert, Token)).Value;
    }

    private static async Task ResolveAtAsync(IAlertStore store, Alert alert, DateTimeOffset at)
    {
        var current = (await store.GetAsync(Acme, alert.Id, Token))!;
        await store.ReplaceAsync(current, AlertTransitions.Resolve(current.Value, "ops@acme-outfitters.example", at, "crafted").Next!, Token);
    }

    private static async Task<JsonElement> ReadJsonAsync(TestApp app, ReportEntry entry)
    {
        var json = await app.Services.GetRequiredService<IReportArchive>().ReadFileAsync(entry, OperatingReportFiles.Json, Token);
        return JsonDocument.Parse(json!).RootElement.Clone();
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
