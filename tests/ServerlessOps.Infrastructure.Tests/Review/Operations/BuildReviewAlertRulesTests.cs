using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Infrastructure.Review.Facts;
using ServerlessOps.Infrastructure.Review.Operations;
using ServerlessOps.Infrastructure.Tests.Review.Facts;
using ServerlessOps.Infrastructure.Tests.Storage;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Review.Operations;

/// <summary>
/// The build step's store of the brand's alert rules (<see cref="MonthlyReviewSteps.BuildAsync"/>) on a real Azurite, each
/// test with its own work container: a review of an older month (a hand re-run) never replaces a newer month's rules,
/// even when the two builds meet between one's read and its write.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class BuildReviewAlertRulesTests(AzuriteFixture azurite)
{
    private static readonly string Brand = ReviewFactsFakes.BrandId;

    private readonly string _container = $"review-work-{Guid.NewGuid():N}"[..30];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Build_OlderMonthRerunAfterANewerMonthsBuild_KeepsTheNewerMonthsRules()
    {
        var steps = Steps();
        await RoadmapAsync("2026-10");
        await RoadmapAsync("2026-11");
        await steps.BuildAsync(new ReviewRun(Brand, "2026-11"), Token);

        await steps.BuildAsync(new ReviewRun(Brand, "2026-10"), Token);

        Assert.Equal("2026-11", (await StoredRulesAsync())?.Month);
    }

    /// <summary>
    /// The older month's build read September's rules, then November's build stored its own, then the older build wrote
    /// without a condition and October's rules replaced November's: the daily run enforced a roadmap already superseded.
    /// </summary>
    [Fact]
    public async Task Build_NewerMonthStoresItsRulesBetweenAnOlderMonthsReadAndWrite_NewerRulesStay()
    {
        await RoadmapAsync("2026-09");
        await RoadmapAsync("2026-10");
        await RoadmapAsync("2026-11");
        await Steps().BuildAsync(new ReviewRun(Brand, "2026-09"), Token);
        var newer = Steps();
        var older = Steps(new AfterFirstDownload(ReviewWorkStore.AlertRules(Brand), () => newer.BuildAsync(new ReviewRun(Brand, "2026-11"), Token)));

        await older.BuildAsync(new ReviewRun(Brand, "2026-10"), Token);

        Assert.Equal("2026-11", (await StoredRulesAsync())?.Month);
    }

    /// <summary>The same race on a brand's first rules: both builds read none, and the second upload must not blindly replace the first.</summary>
    [Fact]
    public async Task Build_NewerMonthStoresTheFirstRulesBetweenAnOlderMonthsReadAndWrite_NewerRulesStay()
    {
        await RoadmapAsync("2026-10");
        await RoadmapAsync("2026-11");
        var newer = Steps();
        var older = Steps(new AfterFirstDownload(ReviewWorkStore.AlertRules(Brand), () => newer.BuildAsync(new ReviewRun(Brand, "2026-11"), Token)));

        await older.BuildAsync(new ReviewRun(Brand, "2026-10"), Token);

        Assert.Equal("2026-11", (await StoredRulesAsync())?.Month);
    }

    /// <summary>The other way round: the newer build read the older rules, the older build wrote in between; the newer one must still land.</summary>
    [Fact]
    public async Task Build_OlderMonthStoresItsRulesBetweenANewerMonthsReadAndWrite_NewerRulesLand()
    {
        await RoadmapAsync("2026-09");
        await RoadmapAsync("2026-10");
        await RoadmapAsync("2026-11");
        await Steps().BuildAsync(new ReviewRun(Brand, "2026-09"), Token);
        var older = Steps();
        var newer = Steps(new AfterFirstDownload(ReviewWorkStore.AlertRules(Brand), () => older.BuildAsync(new ReviewRun(Brand, "2026-10"), Token)));

        await newer.BuildAsync(new ReviewRun(Brand, "2026-11"), Token);

        Assert.Equal("2026-11", (await StoredRulesAsync())?.Month);
    }

    private MonthlyReviewSteps Steps(HttpPipelinePolicy? policy = null)
    {
        var fakes = new ReviewFactsFakes();
        return new MonthlyReviewSteps(new OneBrand(ReviewFactsFakes.Brand()), new ReviewFactsBuilder(fakes, fakes, fakes), Work(policy), new NoAlertsExpected(), new NoReports());
    }

    private ReviewWorkStore Work(HttpPipelinePolicy? policy = null)
    {
        var options = new BlobClientOptions();
        if (policy is not null)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        return new ReviewWorkStore(new BlobServiceClient(azurite.ConnectionString, options), Options.Create(new MonthlyReviewOptions { WorkContainer = _container }));
    }

    /// <summary>A roadmap without items: its rules are none, and the stored rules' month says whose they are.</summary>
    private Task RoadmapAsync(string month) =>
        Work().WriteJsonAsync(ReviewWorkStore.Roadmap(new ReviewRun(Brand, month)), new ReviewRoadmap([], []), Token);

    private Task<ReviewAlertRules?> StoredRulesAsync() => Work().TryReadJsonAsync<ReviewAlertRules>(ReviewWorkStore.AlertRules(Brand), Token);

    private sealed class OneBrand(Brand brand) : IBrandDirectorySource
    {
        public BrandDirectory Current { get; } = new([brand], []);
    }
}
