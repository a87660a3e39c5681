using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Push;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Pushes;

/// <summary>
/// Available-to-sell pushed to the four channels on the real emulators and the stub marketplace (a private one per test:
/// faults and pushed quantities are per stub): a ledger change reaches every merchant-fulfilled listing, bursts coalesce,
/// 429s are waited out, exhausted failures alert and stay dirty, pauses hold and resumes send the latest, and a mass drop
/// to zero waits for confirmation. The velocity window is a day, so once any reservation exists the risk buffer is
/// exactly one unit (⌈a few hundred units a day × a few seconds⌉ = 1) and the brand's static minimum is 0.
/// </summary>
public sealed class InventoryPushTests(FunctionAppFixture fixture)
{
    private const string Brand = "acme";
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    private static readonly SalesChannel[] Channels = [SalesChannel.Shopify, SalesChannel.Amazon, SalesChannel.Walmart, SalesChannel.TikTokShop];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reservation_EveryMerchantFulfilledListingReceivesAvailableLessBuffer_FbaListingNeverPushed()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await PutItemAsync(app, "MUG-1", withFba: true);

        await ApplyAsync(app, "MUG-1", StockMovementKind.Receipt, 50, "po:1");
        await ApplyAsync(app, "MUG-1", StockMovementKind.Receipt, 30, "po:fba", StockLocations.AmazonFulfilment("ATVPDKIKX0DER"));
        await WaitPushedAsync(app, stub, item, 50);
        await ApplyAsync(app, "MUG-1", StockMovementKind.Reserve, 5, "order:1:l1:r1");
        await WaitPushedAsync(app, stub, item, 44);

        var fba = item.Listings.Single(l => l.ChannelFulfilled);
        Assert.Null(stub.PushedQuantity(SalesChannel.Amazon, Marketplace.PushKey(fba, Accounts.AmazonSellerId)));
        Assert.All(stub.InventoryPushes(SalesChannel.Amazon), p => Assert.Equal(Marketplace.PushKey(Listing(item, SalesChannel.Amazon), Accounts.AmazonSellerId), p.ListingKey));
        var view = await AvailableToSellAsync(app, "MUG-1");
        var shopify = view.Single(l => l.Str("channel") == "Shopify");
        Assert.Equal((44, 45, 44, 1), (shopify.Number("quantity"), shopify.Number("available"), shopify.Number("lastPushedQuantity"), shopify.GetProperty("buffer").Number("units")));
        Assert.StartsWith("available 45 − buffer 1 (max(static 0, ⌈", shopify.Str("why"), StringComparison.Ordinal);
        var fbaView = view.Single(l => l.Str("channelSku") == fba.ChannelSku);
        Assert.Equal((true, JsonValueKind.Null), (fbaView.GetProperty("channelFulfilled").GetBoolean(), fbaView.GetProperty("quantity").ValueKind));
    }

    [Fact]
    public async Task HundredConcurrentReservations_CoalesceIntoFewPushes_LastPushedIsTheTruthOnEveryChannel()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await PutItemAsync(app, "MUG-2");
        await ApplyAsync(app, "MUG-2", StockMovementKind.Receipt, 500, "po:2");
        await WaitPushedAsync(app, stub, item, 500);
        var before = Channels.ToDictionary(c => c, c => stub.InventoryPushes(c).Count);

        var ledger = app.Services.GetRequiredService<IInventoryLedgerStore>();
        var results = await Task.WhenAll(Enumerable.Range(1, 100).Select(i => Task.Run(
            () => ledger.ApplyAsync(new StockMovement(Brand, "MUG-2", StockLocations.Main, StockMovementKind.Reserve, 1, $"order:{i}:l1:r1"), Token), Token)));

        Assert.All(results, r => Assert.Equal(StockApplyOutcome.Applied, r.Outcome));
        await WaitPushedAsync(app, stub, item, 399);
        var pushes = Channels.ToDictionary(c => c, c => stub.InventoryPushes(c).Count - before[c]);
        TestContext.Current.TestOutputHelper?.WriteLine("Pushes for 100 reservations: " + string.Join(", ", pushes.Select(p => $"{p.Key} {p.Value}")));
        Assert.All(pushes, p => Assert.InRange(p.Value, 1, 10));
        var view = await AvailableToSellAsync(app, "MUG-2");
        Assert.All(view, l => Assert.Equal((399, 399, false), (l.Number("quantity"), l.Number("lastPushedQuantity"), l.GetProperty("dirty").GetBoolean())));
    }

    [Fact]
    public async Task ChangesWhileTheQueuedPushIsNotClaimableYet_ReadNoPushState_AndThatOnePushCarriesThemAll()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        var reads = PushStateReads.Of("MUG-Q");
        await using var app = Start(stub, new Dictionary<string, string> { ["InventoryPush:CoalesceDelay"] = "00:00:06" }, reads.Install);
        var item = await PutItemAsync(app, "MUG-Q");

        // The receipt marks the four listings: four reads, each dirty and queued, claimable 4.5 s later.
        await ApplyAsync(app, "MUG-Q", StockMovementKind.Receipt, 100, "po:q");
        Assert.Equal(4, reads.Count);
        var ledger = app.Services.GetRequiredService<IInventoryLedgerStore>();
        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => Task.Run(
            () => ledger.ApplyAsync(new StockMovement(Brand, "MUG-Q", StockLocations.Main, StockMovementKind.Reserve, 1, $"order:q{i}:l1:r1"), Token), Token)));

        Assert.All(results, r => Assert.Equal(StockApplyOutcome.Applied, r.Outcome));
        Assert.Equal(4, reads.Count);
        await WaitPushedAsync(app, stub, item, 89);
        Assert.All(Channels, c => Assert.Single(stub.InventoryPushes(c)));
    }

    [Fact]
    public async Task PushMessageBeforeTheListingIsClaimable_IsQueuedAgainUnclaimed_ThenPushesTheTruth()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub, TestApp.TriggersOff(new Dictionary<string, string> { ["InventoryPush:CoalesceDelay"] = "00:00:04" }));
        var item = await PutItemAsync(app, "MUG-E");
        var walmart = Listing(item, SalesChannel.Walmart);
        var message = new InventoryPushMessage(Brand, "MUG-E", SalesChannel.Walmart, walmart.ChannelSku);
        var store = app.Services.GetRequiredService<InventoryPushStore>();
        var queue = app.Services.GetRequiredService<InventoryPushHandOff>().Queue;
        var worker = app.Services.GetRequiredService<ListingPushWorker>();

        await ApplyAsync(app, "MUG-E", StockMovementKind.Receipt, 30, "po:e");
        var marked = await store.GetListingAsync(Brand, "MUG-E", SalesChannel.Walmart, walmart.ChannelSku, Token);
        var queued = (await queue.GetPropertiesAsync(Token)).Value.ApproximateMessagesCount;

        // A duplicate (or a message queued with no delay) arrives while markers trust the listing to stay dirty.
        Assert.Equal(ListingPushOutcome.Busy, await worker.PushAsync(message, Token));
        var early = await store.GetListingAsync(Brand, "MUG-E", SalesChannel.Walmart, walmart.ChannelSku, Token);
        Assert.Equal((true, null), (early!.Dirty, early.PushingSince));
        Assert.Equal(queued + 1, (await queue.GetPropertiesAsync(Token)).Value.ApproximateMessagesCount);
        Assert.Empty(stub.InventoryPushes(SalesChannel.Walmart));

        // Early by less than the clocks' tolerance (¼ of the 4 s): the worker waits for the instant instead.
        var claimable = marked!.ClaimableFrom!.Value;
        await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (claimable - TimeSpan.FromMilliseconds(500) - DateTimeOffset.UtcNow).Ticks)), Token);
        Assert.Equal(ListingPushOutcome.Pushed, await worker.PushAsync(message, Token));
        Assert.True(DateTimeOffset.UtcNow >= claimable, $"Claimed before {claimable:O}.");
        Assert.Equal(queued + 1, (await queue.GetPropertiesAsync(Token)).Value.ApproximateMessagesCount);
        Assert.Equal(30, stub.PushedQuantity(SalesChannel.Walmart, Marketplace.PushKey(walmart, Accounts.AccountId(SalesChannel.Walmart))));
    }

    [Fact]
    public async Task QueueUnreachableWhenAListingIsMarked_TheRetriedChangeIsStillPushed()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        var sends = FailingQueueRequests.Sends(1);
        await using var app = Start(stub, testServices: sends.InstallOnPushQueue);
        var item = await PutItemAsync(app, "MUG-L", channels: [SalesChannel.Walmart]);
        var ledger = app.Services.GetRequiredService<IInventoryLedgerStore>();
        var movement = new StockMovement(Brand, "MUG-L", StockLocations.Main, StockMovementKind.Receipt, 30, "po:l1");

        // The mark's send fails: the movement stands, the caller sees the outage and retries; another change follows.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => ledger.ApplyAsync(movement, Token));
        Assert.Equal(0, sends.FailuresLeft);
        Assert.Equal(StockApplyOutcome.AlreadyApplied, (await ledger.ApplyAsync(movement, Token)).Outcome);
        await ApplyAsync(app, "MUG-L", StockMovementKind.Receipt, 5, "po:l2");

        await WaitPushedAsync(app, stub, item, 35);
    }

    [Fact]
    public async Task PushMessageWhoseDirtyWriteNeverLanded_StillPushesTheTruth()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub, TestApp.TriggersOff());
        var item = await PutItemAsync(app, "MUG-W", channels: [SalesChannel.Walmart]);
        var walmart = Listing(item, SalesChannel.Walmart);
        var worker = app.Services.GetRequiredService<ListingPushWorker>();

        // The marker queues before it writes: a process gone between the two leaves a message and a clean listing.
        var ledger = (PushMarkingLedgerStore)app.Services.GetRequiredService<IInventoryLedgerStore>();
        await ledger.Inner.ApplyAsync(new StockMovement(Brand, "MUG-W", StockLocations.Main, StockMovementKind.Receipt, 12, "po:w"), Token);

        Assert.Equal(ListingPushOutcome.Pushed, await worker.PushAsync(new InventoryPushMessage(Brand, "MUG-W", SalesChannel.Walmart, walmart.ChannelSku), Token));
        Assert.Equal(12, stub.PushedQuantity(SalesChannel.Walmart, Marketplace.PushKey(walmart, Accounts.AccountId(SalesChannel.Walmart))));

        // A second such message finds the truth already on the channel.
        Assert.Equal(ListingPushOutcome.Unchanged, await worker.PushAsync(new InventoryPushMessage(Brand, "MUG-W", SalesChannel.Walmart, walmart.ChannelSku), Token));
        Assert.Single(stub.InventoryPushes(SalesChannel.Walmart));
    }

    [Fact]
    public async Task PushOutlivingItsClaim_IsTakenOver_AndTheTruthIsPushedAgainAfterItsStaleQuantityLands()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub, TestApp.TriggersOff());
        var item = await PutItemAsync(app, "MUG-T", channels: [SalesChannel.Walmart]);
        var walmart = Listing(item, SalesChannel.Walmart);
        var key = Marketplace.PushKey(walmart, Accounts.AccountId(SalesChannel.Walmart));
        var message = new InventoryPushMessage(Brand, "MUG-T", SalesChannel.Walmart, walmart.ChannelSku);
        var store = app.Services.GetRequiredService<InventoryPushStore>();
        var settings = app.Services.GetRequiredService<IOptions<InventoryPushOptions>>().Value;
        var worker = app.Services.GetRequiredService<ListingPushWorker>();
        var stalled = new StalledWorker(app.Services);

        await ApplyAsync(app, "MUG-T", StockMovementKind.Receipt, 30, "po:t1");
        await Task.Delay(settings.CoalesceDelay, Token);
        var first = stalled.Worker.PushAsync(message, Token); // claims, computes 30, stalls before the channel
        await stalled.Calling.WaitAsync(Token);

        // Its claim has lapsed (aged here rather than waited out) when a change comes and another worker takes over.
        await store.UpdateListingAsync(Brand, "MUG-T", SalesChannel.Walmart, walmart.ChannelSku, s => s! with { PushingSince = s.PushingSince - settings.ClaimTimeout }, Token);
        await ApplyAsync(app, "MUG-T", StockMovementKind.Receipt, 10, "po:t2"); // the truth is now 40
        await Task.Delay(settings.CoalesceDelay, Token);
        Assert.Equal(ListingPushOutcome.Pushed, await worker.PushAsync(message, Token));
        Assert.Equal(40, stub.PushedQuantity(SalesChannel.Walmart, key));

        // The stale 30 lands last: its finish must neither clear the listing nor record 30 as the truth.
        stalled.Release();
        Assert.Equal(ListingPushOutcome.Pushed, await first);
        Assert.Equal(30, stub.PushedQuantity(SalesChannel.Walmart, key));
        var state = await store.GetListingAsync(Brand, "MUG-T", SalesChannel.Walmart, walmart.ChannelSku, Token);
        Assert.Equal((true, null, 30), (state!.Dirty, state.PushingSince, state.LastPushedQuantity));

        // The fresh push it queued (triggers are off: handled here once claimable) puts the truth back.
        await Task.Delay(settings.CoalesceDelay, Token);
        Assert.Equal(ListingPushOutcome.Pushed, await worker.PushAsync(message, Token));
        Assert.Equal(40, stub.PushedQuantity(SalesChannel.Walmart, key));
    }

    /// <summary>
    /// An import on another instance moves a listing to another ship node and stock location while this instance still
    /// caches the item as it was (for <c>Catalog:ReadCacheSeconds</c>): the push the import queued must not be decided
    /// from the old location's balance.
    /// </summary>
    [Fact]
    public async Task ImportMovesAListingWhileThisInstanceCachesTheOldCatalog_ThePushUsesTheNewLocationsQuantity()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub, TestApp.TriggersOff());
        var item = await PutItemAsync(app, "MUG-M", channels: [SalesChannel.Walmart]);
        var walmart = Listing(item, SalesChannel.Walmart);
        var message = new InventoryPushMessage(Brand, "MUG-M", SalesChannel.Walmart, walmart.ChannelSku);
        var settings = app.Services.GetRequiredService<IOptions<InventoryPushOptions>>().Value;
        var worker = app.Services.GetRequiredService<ListingPushWorker>();
        await ApplyAsync(app, "MUG-M", StockMovementKind.Receipt, 30, "po:m1");
        await ApplyAsync(app, "MUG-M", StockMovementKind.Receipt, 5, "po:m2", "east");
        await Task.Delay(settings.CoalesceDelay, Token);
        Assert.Equal(ListingPushOutcome.Pushed, await worker.PushAsync(message, Token)); // 30 from main; the item is cached here now

        var csv = "sku,title,status,currency,listPrice,walmartSku,walmartShipNode,walmartStockLocation\n"
            + $"MUG-M,Item MUG-M,active,USD,10,{walmart.ChannelSku},SN-2,east\n";
        var imported = await OtherInstanceImporter.Create(app.Services).ImportAsync(
            new ImportRequest(Brand, ImportKind.Catalog, ImportFormat.Csv, Encoding.UTF8.GetBytes(csv), "test"), Token);
        Assert.IsType<ImportOutcome.Applied>(imported);
        await Task.Delay(settings.CoalesceDelay, Token);

        Assert.Equal(ListingPushOutcome.Pushed, await worker.PushAsync(message, Token));
        var moved = walmart with { StockLocation = "east", ShipNode = "SN-2" };
        Assert.Equal(5, stub.PushedQuantity(SalesChannel.Walmart, Marketplace.PushKey(moved, Accounts.AccountId(SalesChannel.Walmart))));
        var state = await app.Services.GetRequiredService<InventoryPushStore>().GetListingAsync(Brand, "MUG-M", SalesChannel.Walmart, walmart.ChannelSku, Token);
        Assert.Equal((false, 5, "east"), (state!.Dirty, state.LastPushedQuantity, state.Location));
    }

    /// <summary>
    /// After an import on another instance moved a listing to another stock location, this instance keeps the item as it
    /// was (for <c>Catalog:ReadCacheSeconds</c>): a ledger change it applies at the new location meanwhile marks nothing,
    /// its marker knowing no listing there. With no further change of the SKU, the channel must still end with the new
    /// location's truth, not with what the import's push read before that change.
    /// </summary>
    [Fact]
    public async Task ChangeAtTheNewLocationOnAnInstanceKeepingTheItemFromBeforeTheMove_IsPushedWithoutAnotherChange()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub, TestApp.TriggersOff(new Dictionary<string, string> { ["Catalog:ReadCacheSeconds"] = "10" }));
        var item = await PutItemAsync(app, "MUG-F", channels: [SalesChannel.Walmart]);
        var walmart = Listing(item, SalesChannel.Walmart);
        var moved = Marketplace.PushKey(walmart with { StockLocation = "east", ShipNode = "SN-2" }, Accounts.AccountId(SalesChannel.Walmart));
        var message = new InventoryPushMessage(Brand, "MUG-F", SalesChannel.Walmart, walmart.ChannelSku);
        var settings = app.Services.GetRequiredService<IOptions<InventoryPushOptions>>().Value;
        var queue = app.Services.GetRequiredService<InventoryPushHandOff>().Queue;
        var worker = app.Services.GetRequiredService<ListingPushWorker>();
        await ApplyAsync(app, "MUG-F", StockMovementKind.Receipt, 30, "po:f1");
        await ApplyAsync(app, "MUG-F", StockMovementKind.Receipt, 5, "po:f2", "east");
        await app.Services.GetRequiredService<CachedCatalogReader>().GetItemAfreshAsync(Brand, "MUG-F", Token); // kept here for 10 s

        var csv = "sku,title,status,currency,listPrice,walmartSku,walmartShipNode,walmartStockLocation\n"
            + $"MUG-F,Item MUG-F,active,USD,10,{walmart.ChannelSku},SN-2,east\n";
        Assert.IsType<ImportOutcome.Applied>(await OtherInstanceImporter.Create(app.Services).ImportAsync(
            new ImportRequest(Brand, ImportKind.Catalog, ImportFormat.Csv, Encoding.UTF8.GetBytes(csv), "test"), Token));
        await Task.Delay(settings.CoalesceDelay, Token);
        var otherWorker = OtherInstanceWorker.Create(app.Services);
        Assert.Equal(ListingPushOutcome.Pushed, await otherWorker.PushAsync(message, Token)); // the import's push
        Assert.Equal(5, stub.PushedQuantity(SalesChannel.Walmart, moved));
        await PushVisibleMessagesAsync(queue, otherWorker); // what the triggers would have taken by now

        await ApplyAsync(app, "MUG-F", StockMovementKind.Receipt, 7, "po:f3", "east"); // the truth at east is now 12
        var state = await app.Services.GetRequiredService<InventoryPushStore>().GetListingAsync(Brand, "MUG-F", SalesChannel.Walmart, walmart.ChannelSku, Token);
        Assert.False(state!.Dirty, "This instance's marker was expected to keep the item from before the move.");

        // Nothing else changes: whatever the queue gives from now on is pushed here, as the triggers would.
        await Poll.UntilAsync<object>(
            async _ =>
            {
                await PushVisibleMessagesAsync(queue, worker);
                return stub.PushedQuantity(SalesChannel.Walmart, moved) == 12 ? new object() : null;
            },
            "MUG-F pushed as 12 at its new location",
            TimeSpan.FromSeconds(30),
            () => $"Walmart={stub.PushedQuantity(SalesChannel.Walmart, moved)}");
    }

    /// <summary>
    /// The confirmation can land between a worker's record of a drop in the brand's hold (what the held list shows) and its
    /// write of the listing: the drop the confirmer saw must still go out.
    /// </summary>
    [Fact]
    public async Task ConfirmationLandingWhileTheWorkerRecordsTheHeldDrop_StillReleasesIt()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub, TestApp.TriggersOff(new Dictionary<string, string> { ["InventoryPush:MassDropMaxListings"] = "0" }));
        var item = await PutItemAsync(app, "CUP-R", channels: [SalesChannel.Walmart]);
        var key = Marketplace.PushKey(Listing(item, SalesChannel.Walmart), Accounts.AccountId(SalesChannel.Walmart));
        var message = new InventoryPushMessage(Brand, "CUP-R", SalesChannel.Walmart, Listing(item, SalesChannel.Walmart).ChannelSku);
        var settings = app.Services.GetRequiredService<IOptions<InventoryPushOptions>>().Value;
        var queue = app.Services.GetRequiredService<InventoryPushHandOff>().Queue;
        var worker = app.Services.GetRequiredService<ListingPushWorker>();
        await ApplyAsync(app, "CUP-R", StockMovementKind.Receipt, 10, "po:r");
        await Task.Delay(settings.CoalesceDelay, Token);
        Assert.Equal(ListingPushOutcome.Pushed, await worker.PushAsync(message, Token));
        await queue.ClearMessagesAsync(Token);

        await ApplyAsync(app, "CUP-R", StockMovementKind.Count, 0, "import:bad-count:CUP-R");
        await Task.Delay(settings.CoalesceDelay, Token);
        var recording = new HoldRecordingWorker(app.Services);
        var held = recording.Worker.PushAsync(message, Token);
        await recording.Recorded.WaitAsync(Token);
        var confirmed = await app.Client.PostOkBodyAsync($"api/brands/{Brand}/pushes/held/confirm");
        recording.Release();

        Assert.Equal(ListingPushOutcome.Held, await held);
        Assert.Equal(0, confirmed.GetProperty("held").GetArrayLength());
        await Poll.UntilAsync<object>(
            async _ =>
            {
                await PushVisibleMessagesAsync(queue, worker);
                return stub.PushedQuantity(SalesChannel.Walmart, key) == 0 ? new object() : null;
            },
            "CUP-R's confirmed drop pushed",
            TimeSpan.FromSeconds(20),
            () => $"Walmart={stub.PushedQuantity(SalesChannel.Walmart, key)}");
    }

    [Fact]
    public async Task Push_ChannelAnswers429WithRetryAfter_WaitsItOutThenSucceeds()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await PutItemAsync(app, "MUG-3");
        stub.FailNext(SalesChannel.Walmart, 1, 429, retryAfter: TimeSpan.FromSeconds(2));

        await ApplyAsync(app, "MUG-3", StockMovementKind.Receipt, 20, "po:3");
        await WaitPushedAsync(app, stub, item, 20);

        var calls = stub.Requests(SalesChannel.Walmart).Where(r => r.Path == "/v3/inventory").ToList();
        Assert.Equal([429, 200], calls.Select(c => c.StatusCode));
        Assert.True(calls[1].ReceivedAt - calls[0].ReceivedAt >= TimeSpan.FromSeconds(1.9), $"Retried {(calls[1].ReceivedAt - calls[0].ReceivedAt).TotalSeconds:0.00} s after the 429; Retry-After said 2 s.");
        var walmart = (await AvailableToSellAsync(app, "MUG-3")).Single(l => l.Str("channel") == "Walmart");
        Assert.Equal((0, 1), (walmart.Number("consecutiveFailures"), walmart.Number("pushes")));
    }

    [Fact]
    public async Task Push_ChannelAnswers500UntilRetriesAreSpent_AlertsTheInventoryOwnerAndLeavesTheListingDirty()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await PutItemAsync(app, "MUG-4");
        stub.FailNext(SalesChannel.TikTokShop, 10, 500);

        await ApplyAsync(app, "MUG-4", StockMovementKind.Receipt, 20, "po:4");

        var tiktok = await UntilAsync(
            async () => (await AvailableToSellAsync(app, "MUG-4")).Single(l => l.Str("channel") == "TikTokShop") is var l && l.Number("consecutiveFailures") >= 1 && !l.GetProperty("pushing").GetBoolean() ? l : null,
            "the TikTok push to fail after its retries");
        Assert.Equal((true, JsonValueKind.Null), (tiktok.GetProperty("dirty").GetBoolean(), tiktok.GetProperty("lastPushedQuantity").ValueKind));
        Assert.Contains("500", tiktok.Str("lastError"), StringComparison.Ordinal);
        Assert.Equal(2, stub.Requests(SalesChannel.TikTokShop).Count(r => r.StatusCode == 500));
        Assert.Null(stub.PushedQuantity(SalesChannel.TikTokShop, Marketplace.PushKey(Listing(item, SalesChannel.TikTokShop), Accounts.TikTokShopId)));
        // The worker raises the alert after it records the failure this waited for, so it can still be on its way.
        await UntilAsync(async () => await AlertsAsync(app, "push-failed") is [var first, ..] ? first : null, "the push-failed alert raised");
        var alert = Assert.Single(await AlertsAsync(app, "push-failed"));
        Assert.Equal(("listing", "tiktok:MUG-4", Accounts.BrandOwner, "tiktok"),
            (alert.GetProperty("subject").Str("type"), alert.GetProperty("subject").Str("id"), alert.Str("owner"), alert.Str("channel")));
        await WaitPushedAsync(app, stub, item, 20, [SalesChannel.Shopify, SalesChannel.Amazon, SalesChannel.Walmart]);
    }

    [Fact]
    public async Task PausedAccount_HoldsItsPushes_ResumeSendsTheLatestQuantityOnce()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await PutItemAsync(app, "MUG-5");
        await ApplyAsync(app, "MUG-5", StockMovementKind.Receipt, 20, "po:5");
        await WaitPushedAsync(app, stub, item, 20);
        var shopifyKey = Marketplace.PushKey(Listing(item, SalesChannel.Shopify), Accounts.ShopifyShopDomain);
        var control = $"api/brands/{Brand}/accounts/shopify/{Accounts.ShopifyShopDomain}/pushes";

        await app.Client.PostOkBodyAsync($"{control}/pause?reason=stocktake");
        await ApplyAsync(app, "MUG-5", StockMovementKind.Reserve, 3, "order:51:l1:r1");
        await WaitPushedAsync(app, stub, item, 16, [SalesChannel.Amazon, SalesChannel.Walmart, SalesChannel.TikTokShop]);
        await ApplyAsync(app, "MUG-5", StockMovementKind.Reserve, 2, "order:52:l1:r1");
        await WaitPushedAsync(app, stub, item, 14, [SalesChannel.Amazon, SalesChannel.Walmart, SalesChannel.TikTokShop]);
        var paused = await UntilAsync(
            async () => (await AvailableToSellAsync(app, "MUG-5")).Single(l => l.Str("channel") == "Shopify") is var l && l.GetProperty("paused").GetBoolean() ? l : null,
            "the Shopify listing to wait for the resume");
        Assert.Equal((20, true), (stub.PushedQuantity(SalesChannel.Shopify, shopifyKey), paused.GetProperty("dirty").GetBoolean()));
        var shopifyPushesWhilePaused = stub.InventoryPushes(SalesChannel.Shopify).Count;

        var resumed = await app.Client.PostOkBodyAsync($"{control}/resume");
        await WaitPushedAsync(app, stub, item, 14, [SalesChannel.Shopify]);

        Assert.Equal(shopifyPushesWhilePaused + 1, stub.InventoryPushes(SalesChannel.Shopify).Count);
        Assert.Equal(["paused", "resumed"], resumed.GetProperty("audit").EnumerateArray().Select(a => a.Str("action")));
        Assert.All(resumed.GetProperty("audit").EnumerateArray(), a => Assert.Equal("local-operator", a.Str("by")));
        Assert.Equal("stocktake", resumed.GetProperty("audit")[0].Str("reason"));
    }

    [Fact]
    public async Task ResumeInterruptedByAQueueOutage_KeepsTheListingWaiting_AndResumingAgainPushesIt()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        var sends = FailingQueueRequests.Sends(0);
        await using var app = Start(stub, testServices: sends.InstallOnPushQueue);
        var item = await PutItemAsync(app, "MUG-P", channels: [SalesChannel.Walmart]);
        var account = Accounts.AccountId(SalesChannel.Walmart);
        var brakes = app.Services.GetRequiredService<PushBrakes>();
        await ApplyAsync(app, "MUG-P", StockMovementKind.Receipt, 20, "po:p1");
        await WaitPushedAsync(app, stub, item, 20);
        await brakes.PauseAsync(Brand, SalesChannel.Walmart, account, "test", "stocktake", Token);
        await ApplyAsync(app, "MUG-P", StockMovementKind.Receipt, 5, "po:p2");
        await UntilAsync(
            async () => (await AvailableToSellAsync(app, "MUG-P")).Single() is var l && l.GetProperty("paused").GetBoolean() && !l.GetProperty("pushing").GetBoolean() ? l : null,
            "the listing to wait for the resume");

        sends.Arm(1);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => brakes.ResumeAsync(Brand, SalesChannel.Walmart, account, "test", null, Token));
        Assert.Single((await app.Services.GetRequiredService<InventoryPushStore>().GetControlAsync(Brand, SalesChannel.Walmart, account, Token))!.Waiting);
        var again = await brakes.ResumeAsync(Brand, SalesChannel.Walmart, account, "test", "retry", Token);

        Assert.Empty(again.Waiting);
        await WaitPushedAsync(app, stub, item, 25);
    }

    /// <summary>
    /// A resume landing while a worker holds the listing it has just parked: the resume's message meets the claim and is
    /// put off until the claim would have lapsed (ClaimTimeout), and the finish then marks the listing paused again. The
    /// listing must still be queued at once, and not look paused (which would also hide it from the lost-push backstop).
    /// </summary>
    [Fact]
    public async Task ResumeBetweenAParkAndItsFinish_TheListingIsQueuedAtOnce_NotAfterTheClaimTimeout()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        var gate = new ControlWriteGate();
        await using var app = Start(stub, TestApp.TriggersOff(), gate.Install);
        var item = await PutItemAsync(app, "MUG-R", channels: [SalesChannel.Walmart]);
        var walmart = Listing(item, SalesChannel.Walmart);
        var account = Accounts.AccountId(SalesChannel.Walmart);
        var message = new InventoryPushMessage(Brand, "MUG-R", SalesChannel.Walmart, walmart.ChannelSku);
        var brakes = app.Services.GetRequiredService<PushBrakes>();
        var worker = app.Services.GetRequiredService<ListingPushWorker>();
        var queue = app.Services.GetRequiredService<InventoryPushHandOff>().Queue;
        var settings = app.Services.GetRequiredService<IOptions<InventoryPushOptions>>().Value;
        await brakes.PauseAsync(Brand, SalesChannel.Walmart, account, "test", "stocktake", Token);
        await ApplyAsync(app, "MUG-R", StockMovementKind.Receipt, 20, "po:r1");
        await Task.Delay(settings.CoalesceDelay, Token);
        await queue.ClearMessagesAsync(Token); // the marker's message, handled here by hand

        ListingPushOutcome? resumesMessage = null;
        gate.Arm(async () =>
        {
            await brakes.ResumeAsync(Brand, SalesChannel.Walmart, account, "test", null, Token);
            await queue.ClearMessagesAsync(Token); // the resume's message, taken by another worker at once
            resumesMessage = await worker.PushAsync(message, Token);
        });
        Assert.Equal(ListingPushOutcome.Paused, await worker.PushAsync(message, Token));

        Assert.Equal(ListingPushOutcome.Busy, resumesMessage);
        var visible = (await queue.PeekMessagesAsync(10, Token)).Value;
        Assert.True(visible.Length > 0, $"Nothing queued to push the resumed listing before the claim timeout ({settings.ClaimTimeout}).");
        var state = await app.Services.GetRequiredService<InventoryPushStore>().GetListingAsync(Brand, "MUG-R", SalesChannel.Walmart, walmart.ChannelSku, Token);
        Assert.Equal((true, null, null), (state!.Dirty, state.PushingSince, state.PausedSince));
        Assert.Equal(ListingPushOutcome.Pushed, await worker.PushAsync(message, Token));
        Assert.Equal(20, stub.PushedQuantity(SalesChannel.Walmart, Marketplace.PushKey(walmart, account)));
    }

    [Fact]
    public async Task MassDropToZero_PastTheLimitIsHeldAndAlerts_ConfirmReleasesItAndIsAudited()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub, new Dictionary<string, string> { ["InventoryPush:MassDropMaxListings"] = "2" });
        var items = new List<CatalogItem>();
        foreach (var sku in new[] { "CUP-1", "CUP-2", "CUP-3" })
        {
            items.Add(await PutItemAsync(app, sku, channels: [SalesChannel.Shopify, SalesChannel.Walmart]));
            await ApplyAsync(app, sku, StockMovementKind.Receipt, 10, $"po:{sku}");
        }

        foreach (var item in items)
        {
            await WaitPushedAsync(app, stub, item, 10, [SalesChannel.Shopify, SalesChannel.Walmart]);
        }

        foreach (var item in items)
        {
            await ApplyAsync(app, item.Sku, StockMovementKind.Count, 0, $"import:bad-count:{item.Sku}");
        }

        var held = await UntilAsync(
            async () => await app.Client.GetOkBodyAsync($"api/brands/{Brand}/pushes/held") is var h && h.GetProperty("held").GetArrayLength() == 4 ? h : null,
            "four of six drops to zero held");
        var keys = items.SelectMany(i => i.Listings.Select(l => (l.Channel, Key: Marketplace.PushKey(l, Accounts.AccountId(l.Channel))))).ToList();
        Assert.Equal(2, keys.Count(k => stub.PushedQuantity(k.Channel, k.Key) == 0));
        Assert.Equal(4, keys.Count(k => stub.PushedQuantity(k.Channel, k.Key) == 10));
        // The hold is written before its alert is raised, so the alert may trail the held list by a moment.
        var alert = await UntilAsync(async () => await AlertsAsync(app, "push-held") is [var only] ? only : null, "the push-held alert raised");
        Assert.Equal(("Open", Accounts.BrandOwner, "inventory-push-hold"), (alert.Str("state"), alert.Str("owner"), alert.GetProperty("subject").Str("id")));

        // Raises race each other; the evidence is the latest raise's count, somewhere between the first and the last hold.
        Assert.InRange(int.Parse(alert.GetProperty("evidence").Str("heldListings"), System.Globalization.CultureInfo.InvariantCulture), 1, 4);
        Assert.All(held.GetProperty("held").EnumerateArray(), h => Assert.Equal(10, h.Number("showingQuantity")));

        var confirmed = await app.Client.PostOkBodyAsync($"api/brands/{Brand}/pushes/held/confirm");

        Assert.Equal(0, confirmed.GetProperty("held").GetArrayLength());
        await Poll.UntilAsync<object>(
            _ => Task.FromResult<object?>(keys.All(k => stub.PushedQuantity(k.Channel, k.Key) == 0) ? new object() : null),
            "every listing at zero after the confirmation", lastSeen: () => string.Join(", ", keys.Select(k => $"{k.Key}={stub.PushedQuantity(k.Channel, k.Key)}")));
        Assert.Equal("Resolved", Assert.Single(await AlertsAsync(app, "push-held")).Str("state"));
        Assert.Equal("local-operator", confirmed.GetProperty("history")[0].Str("by"));

        // Who, when and what: the entry names how many drops were released and which listings.
        var audit = (await app.Client.GetOkBodyAsync($"api/brands/{Brand}/audit/actions?day={AppClient.Day(AppClient.Today())}")).Items("entries");
        var entry = Assert.Single(audit, e => e.Str("kind") == "held-pushes-confirm");
        Assert.Equal("local-operator", entry.Str("by"));
        Assert.InRange(entry.GetProperty("at").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.StartsWith("released 4 held drop(s) to zero: ", entry.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(4, entry.Str("detail").Split(':', 2)[1].Split(',').Length);
    }

    [Fact]
    public async Task ConfirmOfAHeldDropSupersededByARestock_IsNotCarriedOver_ALaterDropToZeroIsHeldAgain()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub, new Dictionary<string, string> { ["InventoryPush:MassDropMaxListings"] = "0" });
        var item = await PutItemAsync(app, "CUP-Z", channels: [SalesChannel.Walmart]);
        var walmart = Listing(item, SalesChannel.Walmart);
        var store = app.Services.GetRequiredService<InventoryPushStore>();
        async Task<ListingPushDocument> StateWhen(Func<ListingPushDocument, bool> ready, string what) =>
            (ListingPushDocument)await Poll.UntilAsync<object>(
                async _ => await store.GetListingAsync(Brand, "CUP-Z", SalesChannel.Walmart, walmart.ChannelSku, Token) is { } s && ready(s) && !s.Dirty && s.PushingSince is null ? s : null, what);
        await ApplyAsync(app, "CUP-Z", StockMovementKind.Receipt, 10, "po:z");
        await WaitPushedAsync(app, stub, item, 10);
        await ApplyAsync(app, "CUP-Z", StockMovementKind.Count, 0, "import:z1");
        await StateWhen(s => s.HeldSince is not null, "the drop held");
        await ApplyAsync(app, "CUP-Z", StockMovementKind.Receipt, 10, "po:z2");
        await StateWhen(s => s.HeldSince is null, "the restock decided");

        await app.Client.PostOkBodyAsync($"api/brands/{Brand}/pushes/held/confirm");

        Assert.False((await store.GetListingAsync(Brand, "CUP-Z", SalesChannel.Walmart, walmart.ChannelSku, Token))!.ZeroConfirmed);
        await ApplyAsync(app, "CUP-Z", StockMovementKind.Count, 0, "import:z3");
        await StateWhen(s => s.HeldSince is not null || s.LastPushedQuantity == 0, "the second drop decided");
        Assert.Equal(10, stub.PushedQuantity(SalesChannel.Walmart, Marketplace.PushKey(walmart, Accounts.AccountId(SalesChannel.Walmart))));
    }

    [Fact]
    public async Task Allocation_CapsOnlyThatChannelsListing()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub, new Dictionary<string, string> { ["InventoryPush:Allocations:acme:amazon"] = "7" });
        var item = await PutItemAsync(app, "MUG-6");

        await ApplyAsync(app, "MUG-6", StockMovementKind.Receipt, 50, "po:6");

        await WaitPushedAsync(app, stub, item, 7, [SalesChannel.Amazon]);
        await WaitPushedAsync(app, stub, item, 50, [SalesChannel.Shopify, SalesChannel.Walmart, SalesChannel.TikTokShop]);
        var amazon = (await AvailableToSellAsync(app, "MUG-6")).Single(l => l.Str("channel") == "Amazon");
        Assert.Equal((7, 50, 7), (amazon.Number("quantity"), amazon.Number("available"), amazon.Number("allocation")));
        Assert.EndsWith("capped at allocation 7 → 7", amazon.Str("why"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShopifyLevelEditedOnTheChannel_CompareIsStale_TheTruthIsSetWithoutTheCompare()
    {
        await using var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        await using var app = Start(stub);
        var item = await PutItemAsync(app, "MUG-7", channels: [SalesChannel.Shopify]);
        await ApplyAsync(app, "MUG-7", StockMovementKind.Receipt, 20, "po:7");
        await WaitPushedAsync(app, stub, item, 20);
        var key = Marketplace.PushKey(Listing(item, SalesChannel.Shopify), Accounts.ShopifyShopDomain);
        stub.SetChannelQuantity(SalesChannel.Shopify, key, 3);

        await ApplyAsync(app, "MUG-7", StockMovementKind.Reserve, 2, "order:71:l1:r1");
        await WaitPushedAsync(app, stub, item, 17);

        // The missed-webhook backstop's order searches use the same GraphQL endpoint ("listed N") whenever its timer fires.
        var graphql = stub.Requests(SalesChannel.Shopify)
            .Where(r => r.Path.EndsWith("/graphql.json", StringComparison.Ordinal) && !r.Outcome.StartsWith("listed ", StringComparison.Ordinal))
            .Select(r => r.Outcome).ToList();
        Assert.Equal(["set", "compare stale", "set"], graphql);
    }

    [Fact]
    public async Task PauseRoute_UnknownChannel_Is400NamingIt()
    {
        await using var app = TestApp.Start(fixture);

        using var response = await app.Client.Http.PostAsync(new Uri($"api/brands/{Brand}/accounts/etsy/x/pushes/pause", UriKind.Relative), content: null, Token);

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.BadRequest, "invalid-parameter", "channel");
    }

    [Fact]
    public async Task BrakeAndStatusRoutes_ForAnAccountTheBrandDoesNotHave_Are404AndPauseNothing()
    {
        await using var app = TestApp.Start(fixture);
        var control = $"api/brands/{Brand}/accounts/shopify/someone-elses-shop.myshopify.com/pushes";

        using var pause = await app.Client.Http.PostAsync(new Uri($"{control}/pause?reason=typo", UriKind.Relative), content: null, Token);
        using var resume = await app.Client.Http.PostAsync(new Uri($"{control}/resume", UriKind.Relative), content: null, Token);
        using var status = await app.Client.Http.GetAsync(new Uri(control, UriKind.Relative), Token);

        await Problem.AssertOfTypeAsync(pause, HttpStatusCode.NotFound, "not-found", "someone-elses-shop.myshopify.com");
        await Problem.AssertOfTypeAsync(resume, HttpStatusCode.NotFound, "not-found", "someone-elses-shop.myshopify.com");
        await Problem.AssertOfTypeAsync(status, HttpStatusCode.NotFound, "not-found", "someone-elses-shop.myshopify.com");
        Assert.Null(await app.Services.GetRequiredService<InventoryPushStore>().GetControlAsync(Brand, SalesChannel.Shopify, "someone-elses-shop.myshopify.com", Token));
    }

    private TestApp Start(Marketplace stub, IReadOnlyDictionary<string, string>? more = null, Action<IServiceCollection>? testServices = null)
    {
        var overrides = new Dictionary<string, string>
        {
            ["InventoryPush:Shopify:MaxRetries"] = "1",
            ["InventoryPush:Shopify:RetryBaseDelayMilliseconds"] = "50",
            ["InventoryPush:VelocityWindow"] = "1.00:00:00",
            ["InventoryPush:CoalesceDelay"] = "00:00:01",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            overrides[key] = value;
        }

        return TestApp.Start(fixture, overrides, marketplace: stub, testServices: testServices);
    }

    private static async Task<CatalogItem> PutItemAsync(TestApp app, string sku, bool withFba = false, SalesChannel[]? channels = null)
    {
        var listings = new List<ChannelListing>();
        foreach (var channel in channels ?? Channels)
        {
            listings.Add(TestListings.For(sku, channel));
        }

        if (withFba)
        {
            listings.Add(new ChannelListing(SalesChannel.Amazon, $"{sku}-FBA", StockLocations.AmazonFulfilment("ATVPDKIKX0DER"), ChannelFulfilled: true, MarketplaceId: "ATVPDKIKX0DER"));
        }

        var item = new CatalogItem(Brand, sku, $"Item {sku}", null, CatalogItemStatus.Active, "USD", 10m, null, listings);
        Assert.Empty(item.Validate());
        await app.Services.GetRequiredService<CatalogStore>().PutItemAsync(item, "test", Token);
        return item;
    }

    private static async Task ApplyAsync(TestApp app, string sku, StockMovementKind kind, int quantity, string cause, string location = StockLocations.Main)
    {
        var result = await app.Services.GetRequiredService<IInventoryLedgerStore>().ApplyAsync(new StockMovement(Brand, sku, location, kind, quantity, cause), Token);
        Assert.Equal(StockApplyOutcome.Applied, result.Outcome);
    }

    /// <summary>Takes every visible push message off the queue and hands it to <paramref name="worker"/> (triggers are off).</summary>
    private static async Task PushVisibleMessagesAsync(QueueClient queue, ListingPushWorker worker)
    {
        while ((await queue.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: Token)).Value is { Length: > 0 } messages)
        {
            foreach (var taken in messages)
            {
                await worker.PushAsync(InventoryPushMessage.Parse(taken.Body.ToString()), Token);
                await queue.DeleteMessageAsync(taken.MessageId, taken.PopReceipt, Token);
            }
        }
    }

    private static ChannelListing Listing(CatalogItem item, SalesChannel channel) => item.Listings.First(l => l.Channel == channel && !l.ChannelFulfilled);

    /// <summary>Waits until every (or the given) channel's stub shows <paramref name="quantity"/> and no listing of the SKU is dirty or in flight there.</summary>
    private static async Task WaitPushedAsync(TestApp app, Marketplace stub, CatalogItem item, int quantity, SalesChannel[]? channels = null)
    {
        var wanted = (channels ?? item.Listings.Select(l => l.Channel).Distinct().ToArray()).ToHashSet();
        var listings = item.Listings.Where(l => !l.ChannelFulfilled && wanted.Contains(l.Channel)).ToList();
        string Seen() => string.Join(", ", listings.Select(l => $"{l.Channel}={stub.PushedQuantity(l.Channel, Marketplace.PushKey(l, Accounts.AccountId(l.Channel)))}"));
        await Poll.UntilAsync<object>(
            async _ =>
            {
                if (!listings.All(l => stub.PushedQuantity(l.Channel, Marketplace.PushKey(l, Accounts.AccountId(l.Channel))) == quantity))
                {
                    return null;
                }

                var view = await AvailableToSellAsync(app, item.Sku);
                return view.Where(v => wanted.Contains(Enum.Parse<SalesChannel>(v.Str("channel"))) && !v.GetProperty("channelFulfilled").GetBoolean())
                    .All(v => !v.GetProperty("dirty").GetBoolean() && !v.GetProperty("pushing").GetBoolean()) ? new object() : null;
            },
            $"{item.Sku} pushed as {quantity} to {string.Join(", ", wanted)}",
            lastSeen: Seen);
    }

    private static async Task<JsonElement> UntilAsync(Func<Task<JsonElement?>> probe, string awaited) =>
        (JsonElement)await Poll.UntilAsync<object>(async _ => await probe() is { } found ? found : null, awaited);

    private static async Task<JsonElement[]> AvailableToSellAsync(TestApp app, string sku) =>
        (await app.Client.GetOkBodyAsync($"api/brands/{Brand}/inventory/{sku}/available-to-sell")).Items("listings");

    private static async Task<JsonElement[]> AlertsAsync(TestApp app, string kind) =>
        (await app.Client.GetOkBodyAsync($"api/brands/{Brand}/alerts?kind={kind}")).EnumerateArray().ToArray();
}
