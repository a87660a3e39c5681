using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Drift;
using ServerlessOps.Infrastructure.Push;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Drift;

/// <summary>
/// Drift read back from the four channels of a private stub marketplace (its read endpoints answer what its push
/// endpoints recorded, or what a test set "on the channel"), on the real emulators, through the run route with the
/// timer off. Propagation delays are zero unless a test says otherwise. The pushes' velocity window is a day, so with no
/// reservation the buffer is 0 and the truth is what was received, and after any reservation the buffer is one unit.
/// </summary>
public sealed class ListingDriftTests(FunctionAppFixture fixture)
{
    private const string Brand = "acme";
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;
    private static readonly SalesChannel[] Channels = [SalesChannel.Shopify, SalesChannel.Amazon, SalesChannel.Walmart, SalesChannel.TikTokShop];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListingEditedOnEveryChannel_IsNotRepairedAfterOneRead_IsRepairedAfterTheSecondWithItsAudit()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await StockedAsync(app, stub, "DRIFT-1", Channels, received: 20);
        foreach (var listing in item.Listings)
        {
            stub.SetChannelQuantity(listing.Channel, Key(listing), 7);
        }

        var first = await RunAsync(app, item.Sku);

        Assert.All(first.Items("results"), r => Assert.Equal("first-seen", r.Str("result")));
        Assert.All(item.Listings, l => Assert.Equal(7, stub.PushedQuantity(l.Channel, Key(l))));
        var seen = await DriftAsync(app, item.Sku);
        Assert.Equal(4, seen.Length);
        Assert.All(seen, e => Assert.Equal((7, 20, 7, JsonValueKind.Null, 0), (e.Number("channelQuantity"), e.Number("truth"), e.GetProperty("firstSeen").Number("channelQuantity"), e.GetProperty("repairedAt").ValueKind, e.GetProperty("audit").GetArrayLength())));

        var second = await RunAsync(app, item.Sku);

        Assert.All(second.Items("results"), r => Assert.Equal("repaired", r.Str("result")));
        Assert.Equal(4, second.Number("repaired"));
        Assert.All(item.Listings, l => Assert.Equal(20, stub.PushedQuantity(l.Channel, Key(l))));
        var repaired = await DriftAsync(app, item.Sku);
        Assert.All(repaired, e =>
        {
            Assert.Equal(JsonValueKind.Null, e.GetProperty("firstSeen").ValueKind);
            Assert.NotEqual(JsonValueKind.Null, e.GetProperty("repairedAt").ValueKind);
            var audit = Assert.Single(e.Items("audit"));
            Assert.Equal((7, 7, 20, 20, "Pushed"), (audit.Number("firstChannelQuantity"), audit.Number("channelQuantity"), audit.Number("expected"), audit.Number("pushed"), audit.Str("outcome")));
            Assert.Contains("Pushed the truth: 20", audit.Str("why"), StringComparison.Ordinal);
        });
        Assert.Empty(await AlertsAsync(app, "drift-repeated"));
    }

    [Fact]
    public async Task DifferenceWhereOurPushLandsBetweenReads_IsNotCountedAsDrift()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await StockedAsync(app, stub, "DRIFT-2", [SalesChannel.Walmart, SalesChannel.Shopify], received: 20);
        var walmart = Listing(item, SalesChannel.Walmart);
        stub.SetChannelQuantity(SalesChannel.Walmart, Key(walmart), 7);
        var first = await RunAsync(app, item.Sku);
        Assert.Equal("first-seen", Result(first, SalesChannel.Walmart));

        await ApplyAsync(app, item.Sku, StockMovementKind.Reserve, 1, "order:d2:l1:r1");
        await WaitPushedAsync(app, stub, item, 18);
        var pushesBefore = stub.InventoryPushes(SalesChannel.Walmart).Count;
        var second = await RunAsync(app, item.Sku);

        Assert.Equal(("converged", "in-sync", 0), (Result(second, SalesChannel.Walmart), Result(second, SalesChannel.Shopify), second.Number("repaired")));
        Assert.Equal(pushesBefore, stub.InventoryPushes(SalesChannel.Walmart).Count);
        var entry = (await DriftAsync(app, item.Sku)).Single(e => e.Str("channel") == "Walmart");
        Assert.Equal((JsonValueKind.Null, 0, 1, 18), (entry.GetProperty("firstSeen").ValueKind, entry.GetProperty("audit").GetArrayLength(), entry.Number("converged"), entry.Number("channelQuantity")));
    }

    [Fact]
    public async Task ListingDriftingRepeatedly_AlertsTheInventoryOwnerOnce()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await StockedAsync(app, stub, "DRIFT-3", [SalesChannel.Walmart], received: 10);
        var walmart = Listing(item, SalesChannel.Walmart);

        for (var round = 1; round <= 4; round++)
        {
            stub.SetChannelQuantity(SalesChannel.Walmart, Key(walmart), round);
            Assert.Equal("first-seen", Result(await RunAsync(app, item.Sku), SalesChannel.Walmart));
            Assert.Equal("repaired", Result(await RunAsync(app, item.Sku), SalesChannel.Walmart));
            Assert.Equal(10, stub.PushedQuantity(SalesChannel.Walmart, Key(walmart)));
            if (round < 3)
            {
                Assert.Empty(await AlertsAsync(app, "drift-repeated"));
            }
        }

        var alert = Assert.Single(await AlertsAsync(app, "drift-repeated"));
        Assert.Equal(("listing", "walmart:DRIFT-3", Accounts.BrandOwner, "Inventory", "Open"),
            (alert.GetProperty("subject").Str("type"), alert.GetProperty("subject").Str("id"), alert.Str("owner"), alert.Str("signal"), alert.Str("state")));
        Assert.Equal(("4", "4"), (alert.GetProperty("evidence").Str("repairs"), alert.GetProperty("evidence").Str("channelShowed")));
        Assert.Equal(4, (await DriftAsync(app, item.Sku)).Single().GetProperty("audit").GetArrayLength());
    }

    [Fact]
    public async Task PriceReadBelowTheFloor_AlertsThePricingOwnerWithTheMoneyAtStakePerDay()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await PutItemAsync(app, "DRIFT-4", [SalesChannel.Amazon, SalesChannel.Shopify], map: 15m);
        await app.Services.GetRequiredService<CatalogStore>().MergeCostsAsync(
            Brand, item.Sku, [new UnitCost(item.Sku, 17m, "USD", DateTimeOffset.UtcNow.AddDays(-30), null)], Token);
        await ApplyAsync(app, item.Sku, StockMovementKind.Receipt, 100, "po:d4");
        foreach (var order in new[] { 1, 2, 3 })
        {
            await ApplyAsync(app, item.Sku, StockMovementKind.Reserve, 2, $"order:amazon:d4-{order}:l1:r1");
        }

        await WaitPushedAsync(app, stub, item, 93);
        stub.SetChannelPrice(SalesChannel.Amazon, Key(Listing(item, SalesChannel.Amazon)), 18.50m);
        stub.SetChannelPrice(SalesChannel.Shopify, Key(Listing(item, SalesChannel.Shopify)), 21.00m);

        var run = await RunAsync(app, item.Sku);

        // Floor = max(MAP 15, cost 17 / (1 − 15%)) = 20.00; 6 units reserved by Amazon orders in the day window → (20.00 − 18.50) × 6 = 9.00 a day.
        Assert.Equal(1, run.Number("priceBreaches"));
        var alert = Assert.Single(await AlertsAsync(app, "price-below-floor"));
        Assert.Equal(("listing", "amazon:DRIFT-4", "Pricing", Accounts.BrandOwner, "amazon"),
            (alert.GetProperty("subject").Str("type"), alert.GetProperty("subject").Str("id"), alert.Str("signal"), alert.Str("owner"), alert.Str("channel")));
        Assert.Equal((9.00m, "USD"), (alert.GetProperty("moneyAtStake").GetProperty("amount").GetDecimal(), alert.GetProperty("moneyAtStake").Str("currency")));
        Assert.Equal(("18.50", "20.00", "6"), (alert.GetProperty("evidence").Str("price"), alert.GetProperty("evidence").Str("floor"), alert.GetProperty("evidence").Str("unitsPerDay")));
        Assert.Contains("9.00 USD a day", alert.Str("message"), StringComparison.Ordinal);
        var entries = await DriftAsync(app, item.Sku);
        Assert.Equal((true, false), (entries.Single(e => e.Str("channel") == "Amazon").GetProperty("priceBelowFloor").GetBoolean(), entries.Single(e => e.Str("channel") == "Shopify").GetProperty("priceBelowFloor").GetBoolean()));
    }

    [Fact]
    public async Task ChannelWithinItsPropagationDelay_IsNotReadUntilTheDelayHasPassed()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub, new Dictionary<string, string> { ["Drift:WalmartPropagationDelay"] = "01:00:00" });
        var item = await StockedAsync(app, stub, "DRIFT-5", [SalesChannel.Walmart, SalesChannel.Shopify], received: 10);
        stub.SetChannelQuantity(SalesChannel.Walmart, Key(Listing(item, SalesChannel.Walmart)), 3);

        var first = await RunAsync(app, item.Sku);
        var second = await RunAsync(app, item.Sku);

        Assert.Equal(("propagating", "propagating"), (Result(first, SalesChannel.Walmart), Result(second, SalesChannel.Walmart)));
        Assert.Equal((0, 2), (stub.ListingReadCount(SalesChannel.Walmart), stub.ListingReadCount(SalesChannel.Shopify)));
        Assert.Equal(3, stub.PushedQuantity(SalesChannel.Walmart, Key(Listing(item, SalesChannel.Walmart))));
        Assert.Equal(["Shopify"], (await DriftAsync(app, item.Sku)).Select(e => e.Str("channel")));
    }

    [Fact]
    public async Task ListingWhosePushFailed_IsReadBackAndRecorded_WithoutCountingDriftOrPushing()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await StockedAsync(app, stub, "DRIFT-6", [SalesChannel.Walmart, SalesChannel.Shopify], received: 10);
        stub.FailNext(SalesChannel.Walmart, 10, 500);
        await ApplyAsync(app, item.Sku, StockMovementKind.Reserve, 1, "order:d6:l1:r1");
        await Poll.UntilAsync<object>(
            async _ => (await app.Client.GetOkBodyAsync($"api/brands/{Brand}/inventory/{item.Sku}/available-to-sell")).Items("listings")
                .Single(l => l.Str("channel") == "Walmart") is var l && l.Number("consecutiveFailures") >= 1 && !l.GetProperty("pushing").GetBoolean() ? new object() : null,
            "the Walmart push to fail after its retries");

        // The failed push has the listing read back at once; the run below reads it again.
        await Poll.UntilAsync(async _ => (await DriftAsync(app, item.Sku)).Any(e => e.Str("channel") == "Walmart") ? "read" : null, "the read-back after the failed push");
        var walmartPushes = stub.InventoryPushes(SalesChannel.Walmart).Count;

        var run = await RunAsync(app, item.Sku);

        Assert.Equal(("read-after-failed-push", "in-sync"), (Result(run, SalesChannel.Walmart), Result(run, SalesChannel.Shopify)));
        var detail = run.Items("results").Single(r => r.Str("channel") == "Walmart").Str("detail");
        Assert.StartsWith("channel shows 10 after 1 failed push(es)", detail, StringComparison.Ordinal);
        // Two reads: one right after the failed push (the push path asks for it), one by this run.
        Assert.Equal((2, walmartPushes, 10), (stub.ListingReadCount(SalesChannel.Walmart), stub.InventoryPushes(SalesChannel.Walmart).Count, stub.PushedQuantity(SalesChannel.Walmart, Key(Listing(item, SalesChannel.Walmart)))));
        var entry = (await DriftAsync(app, item.Sku)).Single(e => e.Str("channel") == "Walmart");
        Assert.Equal((10, JsonValueKind.Null, 0), (entry.Number("channelQuantity"), entry.GetProperty("firstSeen").ValueKind, entry.GetProperty("audit").GetArrayLength()));
        Assert.Contains("500", entry.Str("note"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListingOwedAPushWhoseMessageWasLost_IsQueuedAgainByTheRun_AndPushed()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub, new Dictionary<string, string> { ["InventoryPush:RequeueAfter"] = "00:00:10" });
        var item = await StockedAsync(app, stub, "DRIFT-7", [SalesChannel.Walmart], received: 10);
        var walmart = Listing(item, SalesChannel.Walmart);

        // A change whose push message went to the poison queue: the listing is dirty, queued a minute ago, and nothing
        // will queue it again (no further change comes).
        var ledger = (PushMarkingLedgerStore)app.Services.GetRequiredService<IInventoryLedgerStore>();
        await ledger.Inner.ApplyAsync(new StockMovement(Brand, item.Sku, StockLocations.Main, StockMovementKind.Receipt, 5, "po:d7b"), Token);
        await app.Services.GetRequiredService<InventoryPushStore>().UpdateListingAsync(Brand, item.Sku, SalesChannel.Walmart, walmart.ChannelSku, s =>
            s! with { Dirty = true, DirtySince = DateTimeOffset.UtcNow.AddMinutes(-1), QueuedAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, Token);

        var run = await RunAsync(app, item.Sku);

        Assert.Equal("requeued", Result(run, SalesChannel.Walmart));
        await WaitPushedAsync(app, stub, item, 15);
    }

    [Fact]
    public async Task ListingWhoseChannelAnswersAnUnreadableBody_IsReadFailed_AndTheRunGoesOnToTheNextListing()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await StockedAsync(app, stub, "DRIFT-8", [SalesChannel.Walmart, SalesChannel.Shopify], received: 10);
        stub.AnswerWalmartReadsWith("<html><body>Down for maintenance</body></html>");

        var run = await RunAsync(app, item.Sku);

        Assert.Equal(("read-failed", "in-sync"), (Result(run, SalesChannel.Walmart), Result(run, SalesChannel.Shopify)));
        var walmart = (await DriftAsync(app, item.Sku)).Single(e => e.Str("channel") == "Walmart");
        Assert.Contains("could not be read", walmart.Str("readError"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OurPushLandingBetweenThePushStateReadAndTheChannelRead_IsNotRepaired_NorAudited()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        ReadHookedListingReader? walmartReader = null;
        await using var app = Start(stub, testServices: services => services.Replace(ServiceDescriptor.Singleton(sp => new ListingReadClients(
            sp.GetServices<IListingReadClient>().Select(c => c.Channel != SalesChannel.Walmart ? c : walmartReader = new ReadHookedListingReader(c))))));
        Assert.NotNull(app.Services.GetRequiredService<ListingReadClients>());
        var item = await StockedAsync(app, stub, "DRIFT-9", [SalesChannel.Walmart], received: 20);
        stub.SetChannelQuantity(SalesChannel.Walmart, Key(Listing(item, SalesChannel.Walmart)), 7);
        Assert.Equal("first-seen", Result(await RunAsync(app, item.Sku), SalesChannel.Walmart));

        // The run reads the push state (20 pushed), then our push of 18 lands before the channel answers: it shows 18.
        walmartReader!.BeforeNextRead(async () =>
        {
            await ApplyAsync(app, item.Sku, StockMovementKind.Reserve, 1, "order:d9:l1:r1");
            await WaitPushedAsync(app, stub, item, 18);
        });
        var second = await RunAsync(app, item.Sku);

        Assert.Equal(("push-during-read", 0), (Result(second, SalesChannel.Walmart), second.Number("repaired")));
        var entry = (await DriftAsync(app, item.Sku)).Single();
        Assert.Equal((0, JsonValueKind.Null), (entry.GetProperty("audit").GetArrayLength(), entry.GetProperty("repairedAt").ValueKind));
        Assert.Equal("converged", Result(await RunAsync(app, item.Sku), SalesChannel.Walmart));
        Assert.Equal(18, stub.PushedQuantity(SalesChannel.Walmart, Key(Listing(item, SalesChannel.Walmart))));
    }

    [Fact]
    public async Task CleanListingWhoseChangeWasNeverPushed_IsMarkedByTheNextRun_AndPushedTheTruthWithItsAudit()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await StockedAsync(app, stub, "DRIFT-10", [SalesChannel.Walmart, SalesChannel.Shopify], received: 10);

        // A change whose mark was lost (the clocks' disagreement of Push/README.md, a crash between the ledger write and its
        // mark): the ledger holds 15 while every listing stays clean, pushed 10, and the channels show 10.
        await ApplyUnmarkedAsync(app, item.Sku, StockMovementKind.Receipt, 5, "po:d10b");

        var run = await RunAsync(app, item.Sku);

        Assert.Equal(("lost-change", "lost-change"), (Result(run, SalesChannel.Walmart), Result(run, SalesChannel.Shopify)));
        Assert.Equal((2, 0, 0), (run.Number("lostChanges"), run.Number("repaired"), run.Number("firstSeen")));
        await WaitPushedAsync(app, stub, item, 15);
        Assert.All(await DriftAsync(app, item.Sku), e =>
        {
            var audit = Assert.Single(e.Items("audit"));
            Assert.Equal((10, 10, 15, "Marked", JsonValueKind.Null), (audit.Number("channelQuantity"), audit.Number("expected"), audit.Number("truth"), audit.Str("outcome"), audit.GetProperty("pushed").ValueKind));
            Assert.Contains("a change was never pushed", audit.Str("why"), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, e.GetProperty("repairedAt").ValueKind);
        });
        Assert.Empty(await AlertsAsync(app, "drift-repeated"));
        var next = await RunAsync(app, item.Sku);
        Assert.Equal(("in-sync", "in-sync", 0), (Result(next, SalesChannel.Walmart), Result(next, SalesChannel.Shopify), next.Number("lostChanges")));
    }

    [Fact]
    public async Task CleanListingInStepWithTheTruth_IsNeitherMarkedNorPushed()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await StockedAsync(app, stub, "DRIFT-11", [SalesChannel.Walmart, SalesChannel.Shopify], received: 10);
        var pushesBefore = (stub.InventoryPushes(SalesChannel.Walmart).Count, stub.InventoryPushes(SalesChannel.Shopify).Count);
        var statesBefore = await PushStatesAsync(app, item);

        var run = await RunAsync(app, item.Sku);

        Assert.Equal(("in-sync", "in-sync", 0), (Result(run, SalesChannel.Walmart), Result(run, SalesChannel.Shopify), run.Number("lostChanges")));
        Assert.Equal(pushesBefore, (stub.InventoryPushes(SalesChannel.Walmart).Count, stub.InventoryPushes(SalesChannel.Shopify).Count));
        Assert.Equal(statesBefore, await PushStatesAsync(app, item));
        Assert.All(await DriftAsync(app, item.Sku), e => Assert.Equal(0, e.GetProperty("audit").GetArrayLength()));
    }

    [Fact]
    public async Task ListingDirtyWhenTheRunComes_IsLeftToItsQueuedPush_NotMarkedAgain()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await StockedAsync(app, stub, "DRIFT-12", [SalesChannel.Walmart], received: 10);
        var walmart = Listing(item, SalesChannel.Walmart);

        // A change marked a moment ago: its push is queued (here, held back an hour) and the worker owns it.
        await ApplyUnmarkedAsync(app, item.Sku, StockMovementKind.Receipt, 5, "po:d12b");
        var queuedAt = DateTimeOffset.UtcNow;
        await app.Services.GetRequiredService<InventoryPushStore>().UpdateListingAsync(Brand, item.Sku, SalesChannel.Walmart, walmart.ChannelSku, s =>
            s! with { Dirty = true, DirtySince = queuedAt, QueuedAt = queuedAt, ClaimableFrom = queuedAt.AddHours(1) }, Token);

        var run = await RunAsync(app, item.Sku);

        Assert.Equal(("push-pending", 0), (Result(run, SalesChannel.Walmart), run.Number("lostChanges")));
        var state = await app.Services.GetRequiredService<InventoryPushStore>().GetListingAsync(Brand, item.Sku, SalesChannel.Walmart, walmart.ChannelSku, Token);
        Assert.Equal((true, queuedAt, 10), (state!.Dirty, state.QueuedAt!.Value, state.LastPushedQuantity!.Value));
        Assert.Equal(10, stub.PushedQuantity(SalesChannel.Walmart, Key(walmart)));
        Assert.Empty(await DriftAsync(app, item.Sku));
    }

    [Fact]
    public async Task CleanListingWhoseBufferMovedWithoutALedgerChange_IsPushedTheTruth_WithoutAnAuditEntry()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await PutItemAsync(app, "DRIFT-13", [SalesChannel.Walmart]);
        await ApplyAsync(app, item.Sku, StockMovementKind.Receipt, 20, "po:d13");
        await ApplyAsync(app, item.Sku, StockMovementKind.Reserve, 2, "order:d13:l1:r1");
        await WaitPushedAsync(app, stub, item, 17);
        var walmart = Listing(item, SalesChannel.Walmart);

        // The buffer's inputs move with no ledger change (the velocity decays over its window, a latency is measured): a
        // push latency of 1.25 days makes the risk ⌈2 units a day × 1.25 days⌉ = 3, so the truth is 18 − 3 = 15.
        await app.Services.GetRequiredService<InventoryPushStore>().UpdateListingAsync(Brand, item.Sku, SalesChannel.Walmart, walmart.ChannelSku, s =>
            s! with { LatencyMilliseconds = TimeSpan.FromDays(1.25).TotalMilliseconds }, Token);

        var run = await RunAsync(app, item.Sku);

        Assert.Equal(("buffer-moved", 0), (Result(run, SalesChannel.Walmart), run.Number("lostChanges")));
        await WaitPushedAsync(app, stub, item, 15);
        var entry = Assert.Single(await DriftAsync(app, item.Sku));
        Assert.Equal(0, entry.GetProperty("audit").GetArrayLength());
        Assert.Contains("the buffer or allocation moved", entry.Str("note"), StringComparison.Ordinal);
    }

    private TestApp Start(Marketplace stub, IReadOnlyDictionary<string, string>? more = null, Action<IServiceCollection>? testServices = null)
    {
        var overrides = new Dictionary<string, string>
        {
            ["InventoryPush:Shopify:MaxRetries"] = "1",
            ["InventoryPush:Shopify:RetryBaseDelayMilliseconds"] = "50",
            ["InventoryPush:VelocityWindow"] = "1.00:00:00",
            ["Pricing:VelocityWindow"] = "1.00:00:00",
            ["InventoryPush:CoalesceDelay"] = "00:00:01",
            ["Drift:TimerEnabled"] = "false",
            ["Drift:ShopifyPropagationDelay"] = "00:00:00",
            ["Drift:AmazonPropagationDelay"] = "00:00:00",
            ["Drift:WalmartPropagationDelay"] = "00:00:00",
            ["Drift:TikTokShopPropagationDelay"] = "00:00:00",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            overrides[key] = value;
        }

        return TestApp.Start(fixture, overrides, marketplace: stub, testServices: testServices);
    }

    /// <summary>A catalog item listed on <paramref name="channels"/>, <paramref name="received"/> units received at the main location and pushed to every listing.</summary>
    private static async Task<CatalogItem> StockedAsync(TestApp app, Marketplace stub, string sku, SalesChannel[] channels, int received)
    {
        var item = await PutItemAsync(app, sku, channels);
        await ApplyAsync(app, sku, StockMovementKind.Receipt, received, $"po:{sku}");
        await WaitPushedAsync(app, stub, item, received);
        return item;
    }

    private static async Task<CatalogItem> PutItemAsync(TestApp app, string sku, SalesChannel[] channels, decimal? map = null)
    {
        var listings = channels.Select(channel => TestListings.For(sku, channel)).ToList();
        var item = new CatalogItem(Brand, sku, $"Item {sku}", null, CatalogItemStatus.Active, "USD", 25m, map, listings);
        Assert.Empty(item.Validate());
        await app.Services.GetRequiredService<CatalogStore>().PutItemAsync(item, "test", Token);
        return item;
    }

    private static async Task ApplyAsync(TestApp app, string sku, StockMovementKind kind, int quantity, string cause)
    {
        var result = await app.Services.GetRequiredService<IInventoryLedgerStore>().ApplyAsync(new StockMovement(Brand, sku, StockLocations.Main, kind, quantity, cause), Token);
        Assert.Equal(StockApplyOutcome.Applied, result.Outcome);
    }

    /// <summary>A ledger change whose mark is lost: written to the ledger beneath the marking decorator.</summary>
    private static async Task ApplyUnmarkedAsync(TestApp app, string sku, StockMovementKind kind, int quantity, string cause)
    {
        var ledger = (PushMarkingLedgerStore)app.Services.GetRequiredService<IInventoryLedgerStore>();
        var result = await ledger.Inner.ApplyAsync(new StockMovement(Brand, sku, StockLocations.Main, kind, quantity, cause), Token);
        Assert.Equal(StockApplyOutcome.Applied, result.Outcome);
    }

    private static async Task<string[]> PushStatesAsync(TestApp app, CatalogItem item) =>
        [.. (await app.Services.GetRequiredService<InventoryPushStore>().ListListingsAsync(Brand, item.Sku, Token))
            .Select(s => $"{s.Id} dirty={s.Dirty} queued={s.QueuedAt:O} pushed={s.LastPushedQuantity} pushes={s.Pushes} unchanged={s.Unchanged}")];

    private static ChannelListing Listing(CatalogItem item, SalesChannel channel) => item.Listings.Single(l => l.Channel == channel);

    private static string Key(ChannelListing listing) => Marketplace.PushKey(listing, Accounts.AccountId(listing.Channel));

    private static string? Result(JsonElement run, SalesChannel channel) =>
        run.Items("results").Single(r => r.Str("channel") == channel.ToString()).Str("result");

    /// <summary>Waits until every listing's stub value is <paramref name="quantity"/> and none is dirty or in flight.</summary>
    private static async Task WaitPushedAsync(TestApp app, Marketplace stub, CatalogItem item, int quantity)
    {
        string Seen() => string.Join(", ", item.Listings.Select(l => $"{l.Channel}={stub.PushedQuantity(l.Channel, Key(l))}"));
        await Poll.UntilAsync<object>(
            async _ =>
            {
                if (!item.Listings.All(l => stub.PushedQuantity(l.Channel, Key(l)) == quantity))
                {
                    return null;
                }

                var view = (await app.Client.GetOkBodyAsync($"api/brands/{Brand}/inventory/{item.Sku}/available-to-sell")).Items("listings");
                return view.All(v => !v.GetProperty("dirty").GetBoolean() && !v.GetProperty("pushing").GetBoolean()) ? new object() : null;
            },
            $"{item.Sku} pushed as {quantity}",
            lastSeen: Seen);
    }

    private static async Task<JsonElement> RunAsync(TestApp app, string sku) => await app.Client.PostOkBodyAsync($"api/brands/{Brand}/drift/run?sku={sku}");

    private static async Task<JsonElement[]> DriftAsync(TestApp app, string sku) => (await app.Client.GetOkBodyAsync($"api/brands/{Brand}/drift?sku={sku}")).Items("entries");

    private static async Task<JsonElement[]> AlertsAsync(TestApp app, string kind) =>
        (await app.Client.GetOkBodyAsync($"api/brands/{Brand}/alerts?kind={kind}")).EnumerateArray().ToArray();
}
