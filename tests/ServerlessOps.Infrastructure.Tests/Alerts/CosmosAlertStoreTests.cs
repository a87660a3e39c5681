using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Serialization;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Alerts;

/// <summary>The alert store on the Cosmos server: point reads, single-partition lists, ETags and the open-alert rollup.</summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed class CosmosAlertStoreTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(T0);
    private ServiceProvider? _meters;
    private CosmosAlertStore? _store;

    private AlertMetrics Metrics { get; set; } = null!;

    /// <summary>One instance of the app's store (its rollup writes group per process).</summary>
    private CosmosAlertStore Store => _store ??= new(Containers, Options, Metrics, _clock, NullLogger<CosmosAlertStore>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        Metrics = new AlertMetrics(_meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
    }

    public override async ValueTask DisposeAsync()
    {
        if (_meters is not null)
        {
            await _meters.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task Create_ThenGet_RoundTripsEveryField()
    {
        var alert = Raise("brand-a", "shopify:1", T0);

        var created = await Store.CreateAsync(alert, Token);
        var read = await Store.GetAsync("brand-a", alert.Id, Token);

        Assert.Equal(created.ETag, read!.ETag);
        var stored = read.Value;
        Assert.Equal((alert.Id, alert.Kind, alert.Subject, alert.Owner, alert.Message, alert.MoneyAtStake, 1), (stored.Id, stored.Kind, stored.Subject, stored.Owner, stored.Message, stored.MoneyAtStake, stored.Revision));
        Assert.Equal(alert.Evidence, stored.Evidence);
        Assert.Equal(alert.Notification, stored.Notification);
        Assert.Equal((alert.FirstSeen, alert.LastSeen), (stored.FirstSeen, stored.LastSeen));
    }

    [Fact]
    public async Task Create_SameIdTwice_SecondIsAConflict()
    {
        var alert = Raise("brand-a", "shopify:2", T0);
        await Store.CreateAsync(alert, Token);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CreateAsync(alert, Token));
    }

    [Fact]
    public async Task Replace_StaleETag_IsAConflictAndEachWriteIsOneRevisionLater()
    {
        var created = await Store.CreateAsync(Raise("brand-a", "shopify:3", T0), Token);
        var acknowledged = await Store.ReplaceAsync(created, AlertTransitions.Acknowledge(created.Value, "ana", T0.AddMinutes(1)).Next!, Token);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.ReplaceAsync(created, created.Value with { Message = "late" }, Token));
        Assert.Equal(2, acknowledged.Value.Revision);
        Assert.Equal(AlertState.Acknowledged, (await Store.GetAsync("brand-a", created.Value.Id, Token))!.Value.State);
    }

    [Fact]
    public async Task Get_MissingOrMalformedId_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync("brand-a", "al-000000000000000000000000", Token));
        Assert.Null(await Store.GetAsync("brand-a", "alert-rollup", Token));
    }

    [Fact]
    public async Task List_ByStateAndKind_MostRecentlySeenFirstAndOnlyThatBrand()
    {
        var older = await Store.CreateAsync(Raise("brand-a", "shopify:old", T0), Token);
        var newer = await Store.CreateAsync(Raise("brand-a", "shopify:new", T0.AddHours(1)), Token);
        var push = await Store.CreateAsync(Raise("brand-a", "sku-1", T0.AddHours(2), AlertKind.PushFailed, AlertSubject.Sku("sku-1")), Token);
        await Store.CreateAsync(Raise("brand-b", "shopify:other", T0.AddHours(3)), Token);
        await Store.ReplaceAsync(older, AlertTransitions.Resolve(older.Value, "ana", T0.AddHours(4), null).Next!, Token);

        var all = await Store.ListAsync("brand-a", cancellationToken: Token);
        var openSla = await Store.ListAsync("brand-a", AlertState.Open, AlertKind.SlaMissed, Token);
        var resolved = await Store.ListAsync("brand-a", AlertState.Resolved, cancellationToken: Token);

        Assert.Equal([push.Value.Id, newer.Value.Id, older.Value.Id], all.Select(a => a.Id));
        Assert.Equal([newer.Value.Id], openSla.Select(a => a.Id));
        Assert.Equal([older.Value.Id], resolved.Select(a => a.Id));
        Assert.Equal([push.Value.Id, newer.Value.Id], (await Store.ListPendingNotificationsAsync("brand-a", Token)).Select(a => a.Id));
    }

    [Fact]
    public async Task Counts_FollowCreatesAndStateChanges_AndTheMetricsWithThem()
    {
        var a = await Store.CreateAsync(Raise("brand-a", "shopify:a", T0), Token);
        var b = await Store.CreateAsync(Raise("brand-a", "shopify:b", T0), Token);
        var c = await Store.CreateAsync(Raise("brand-a", "sku-c", T0, AlertKind.PushFailed, AlertSubject.Sku("sku-c")), Token);
        await Store.ReplaceAsync(a, AlertTransitions.Acknowledge(a.Value, "ana", T0).Next!, Token);
        await Store.ReplaceAsync(c, AlertTransitions.Resolve(c.Value, "ana", T0, null).Next!, Token);
        await Store.ReplaceAsync(b, b.Value with { Occurrences = 2 }, Token);

        var counts = await Store.CountUnresolvedAsync("brand-a", Token);

        Assert.Equal([new(AlertKind.SlaMissed, AlertState.Open, 1), new(AlertKind.SlaMissed, AlertState.Acknowledged, 1)], counts);
        Assert.Equal((1, 1, 0), (Metrics.Current("brand-a", AlertKind.SlaMissed, AlertState.Open), Metrics.Current("brand-a", AlertKind.SlaMissed, AlertState.Acknowledged), Metrics.Current("brand-a", AlertKind.PushFailed, AlertState.Open)));
        Assert.Empty(await Store.CountUnresolvedAsync("brand-b", Token));
    }

    [Fact]
    public async Task Counts_ManyAlertsOfOneBrandAtOnce_CountEveryOne()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Store.CreateAsync(Raise("brand-a", $"shopify:{i}", T0), Token)));

        Assert.Equal([new AlertCount(AlertKind.SlaMissed, AlertState.Open, 20)], await Store.CountUnresolvedAsync("brand-a", Token));
    }

    [Fact]
    public async Task Counts_TwoInstancesWritingOneBrandAtOnce_CountEveryOne()
    {
        var other = new CosmosAlertStore(Containers, Options, Metrics, _clock, NullLogger<CosmosAlertStore>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? Store : other).CreateAsync(Raise("brand-a", $"shopify:{i}", T0), Token)));

        Assert.Equal([new AlertCount(AlertKind.SlaMissed, AlertState.Open, 10)], await Store.CountUnresolvedAsync("brand-a", Token));
    }

    /// <summary>
    /// The interleaving: A writes the rollup alone, held on its read, while L and W queue behind it. A finishes and L takes
    /// [L, W] into one write, held on its read; then L's caller gives up (an API request the client abandoned). W's
    /// caller did not give up (an order flow's activity raising an alert): its raise must still finish and be counted,
    /// not wait forever for a write that nobody is doing any more.
    /// </summary>
    [Fact]
    public async Task Counts_CallerGivingUpWhileWritingOthersEntries_OthersStillFinishAndAreCounted()
    {
        var gate = new PointReadGate(path => path.EndsWith("/docs/" + AlertRollupDocument.RollupId, StringComparison.Ordinal));
        using var client = Cosmos.CreateClient(new CosmosClientOptions
        {
            Serializer = new CosmosSystemTextJsonSerializer(CosmosJson.Options),
            CustomHandlers = { gate, new EmulatorCompatibilityHandler() },
        });
        var store = new CosmosAlertStore(new(client, Containers.DatabaseName), Options, Metrics, _clock, NullLogger<CosmosAlertStore>.Instance);
        using var giveUpL = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var holdA = gate.HoldNext(honourCancellation: false);
        var creatingA = Task.Run(() => store.CreateAsync(Raise("brand-a", "shopify:a", T0), Token), Token);
        await holdA.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        var creatingL = Task.Run(() => store.CreateAsync(Raise("brand-a", "shopify:l", T0), giveUpL.Token), Token);
        await WaitForQueuedRollupWritesAsync(store, 1);
        var creatingW = Task.Run(() => store.CreateAsync(Raise("brand-a", "shopify:w", T0), CancellationToken.None), Token);
        await WaitForQueuedRollupWritesAsync(store, 2);

        var holdL = gate.HoldNext(honourCancellation: true);
        holdA.Release.TrySetResult();
        await creatingA;
        await holdL.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await giveUpL.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => creatingL);

        await creatingW.WaitAsync(TimeSpan.FromSeconds(20), Token);
        Assert.Equal([new AlertCount(AlertKind.SlaMissed, AlertState.Open, 2)], await Store.CountUnresolvedAsync("brand-a", Token));
        Assert.Equal(1, await Store.RepairCountsAsync("brand-a", Token));
        Assert.Equal([new AlertCount(AlertKind.SlaMissed, AlertState.Open, 3)], await Store.CountUnresolvedAsync("brand-a", Token));
    }

    [Fact]
    public async Task RepairCounts_AfterRollupUpdatesWereLost_BringsTheCountsBackInLine()
    {
        var open = await Store.CreateAsync(Raise("brand-a", "shopify:open", T0), Token);
        var resolvedLater = await Store.CreateAsync(Raise("brand-a", "shopify:gone", T0), Token);
        var stale = (await Containers.Alerts.ReadItemAsync<AlertRollupDocument>(AlertRollupDocument.RollupId, new("brand-a"), cancellationToken: Token)).Resource.ToDomain(T0);
        await Store.ReplaceAsync(resolvedLater, AlertTransitions.Resolve(resolvedLater.Value, "ana", T0, null).Next!, Token);
        var added = await Task.WhenAll(Store.CreateAsync(Raise("brand-a", "shopify:new-1", T0), Token), Store.CreateAsync(Raise("brand-a", "shopify:new-2", T0), Token));

        // As if the last three rollup updates had been lost to crashes: it still counts the resolved alert as open
        // and knows nothing of the two written since.
        await Containers.Alerts.UpsertItemAsync(AlertRollupDocument.FromDomain("brand-a", stale, T0), new("brand-a"), cancellationToken: Token);
        Assert.Equal([new AlertCount(AlertKind.SlaMissed, AlertState.Open, 2)], await Store.CountUnresolvedAsync("brand-a", Token));

        var corrected = await Store.RepairCountsAsync("brand-a", Token);

        // The counts know kinds and states, not alerts: one alert too many and two too few is one open alert short.
        Assert.Equal(1, corrected);
        Assert.Equal([new AlertCount(AlertKind.SlaMissed, AlertState.Open, 3)], await Store.CountUnresolvedAsync("brand-a", Token));
        Assert.Equal(3, (await Store.ListAsync("brand-a", AlertState.Open, cancellationToken: Token)).Count(a => a.Id == open.Value.Id || added.Any(n => n.Value.Id == a.Id)));
        Assert.Equal(0, await Store.RepairCountsAsync("brand-a", Token));
    }

    /// <summary>
    /// The alert sweep recounts every brand every five minutes. A recount that finds the counts right used to rewrite the
    /// rollup anyway: a write per brand per sweep for nothing, each one racing the raises of that brand for the ETag.
    /// </summary>
    [Fact]
    public async Task RepairCounts_CountsAlreadyRight_LeavesTheRollupUnwritten()
    {
        await Store.CreateAsync(Raise("brand-a", "shopify:one", T0), Token);
        await Store.CreateAsync(Raise("brand-a", "shopify:two", T0), Token);
        var before = await RollupETagAsync("brand-a");

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await Store.RepairCountsAsync("brand-a", Token));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await Store.RepairCountsAsync("brand-a", Token));

        Assert.Equal(before, await RollupETagAsync("brand-a"));
        Assert.Equal([new AlertCount(AlertKind.SlaMissed, AlertState.Open, 2)], await Store.CountUnresolvedAsync("brand-a", Token));
    }

    /// <summary>
    /// The rollup is one record per brand, and Cosmos refuses a record over 2 MB: if it grew with the brand's unresolved
    /// alerts (~18,000 of them would fill it), every raise, acknowledgement and resolution of that brand would fail.
    /// </summary>
    [Fact]
    public async Task Rollup_ManyUnresolvedAlerts_StaysTheSizeOfItsCounts()
    {
        foreach (var batch in Enumerable.Range(0, 300).Chunk(25))
        {
            await Task.WhenAll(batch.Select(i => Store.CreateAsync(Raise("brand-a", $"shopify:{i}", T0), Token)));
        }

        _clock.Advance(TimeSpan.FromDays(2));
        await Store.CreateAsync(Raise("brand-a", "shopify:later", T0.AddDays(2)), Token);

        Assert.Equal([new AlertCount(AlertKind.SlaMissed, AlertState.Open, 301)], await Store.CountUnresolvedAsync("brand-a", Token));
        using var read = await Containers.Alerts.ReadItemStreamAsync(AlertRollupDocument.RollupId, new("brand-a"), cancellationToken: Token);
        using var body = new MemoryStream();
        await read.Content.CopyToAsync(body, Token);
        Assert.True(body.Length < 1024, $"The rollup record holds {body.Length} bytes for 301 unresolved alerts of one kind.");
    }

    /// <summary>
    /// Two instances raise, acknowledge and resolve one brand's alerts at once, some acknowledged and resolved by two
    /// people at the same moment: the counts end equal to the alerts' states, with nothing left for a recount to mend.
    /// </summary>
    [Fact]
    public async Task Counts_RaisesAcknowledgementsAndResolutionsRacing_EndExact()
    {
        var other = new CosmosAlertStore(Containers, Options, Metrics, _clock, NullLogger<CosmosAlertStore>.Instance);
        var updaters = new[] { Store, other }.Select(s => new AlertUpdater(s, _clock, NullLogger<AlertUpdater>.Instance)).ToArray();
        var created = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => (i % 2 == 0 ? Store : other).CreateAsync(Raise("brand-a", $"shopify:{i}", T0), Token)));

        var racing = created.Select<Versioned<Alert>, Task>((alert, i) => (i % 3) switch
        {
            0 => Task.WhenAll(updaters[0].AcknowledgeAsync("brand-a", alert.Value.Id, "ana", Token), updaters[1].ResolveAsync("brand-a", alert.Value.Id, "bo", null, Token)),
            1 => Task.WhenAll(updaters[i % 2].AcknowledgeAsync("brand-a", alert.Value.Id, "ana", Token), updaters[(i + 1) % 2].AcknowledgeAsync("brand-a", alert.Value.Id, "bo", Token)),
            _ => updaters[i % 2].ResolveAsync("brand-a", alert.Value.Id, "bo", null, Token),
        }).Concat(Enumerable.Range(0, 12).Select(i => (Task)(i % 2 == 0 ? other : Store).CreateAsync(Raise("brand-a", $"shopify:new-{i}", T0, AlertKind.PushFailed, AlertSubject.Sku($"sku-{i}")), Token)));
        await Task.WhenAll(racing);

        var truth = (await Store.ListAsync("brand-a", cancellationToken: Token))
            .Where(a => a.IsUnresolved)
            .GroupBy(a => (a.Kind, a.State))
            .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.State)
            .Select(g => new AlertCount(g.Key.Kind, g.Key.State, g.Count()));
        Assert.Equal(truth, await Store.CountUnresolvedAsync("brand-a", Token));
        Assert.Equal(12, (await Store.CountUnresolvedAsync("brand-a", Token)).Single(c => c.Kind == AlertKind.PushFailed).Count);
        Assert.Equal(0, await Store.RepairCountsAsync("brand-a", Token));
    }

    /// <summary>A rollup written by the build that kept one entry per alert is carried over, counts and all, by the next write.</summary>
    [Fact]
    public async Task Counts_RollupOfTheFirstSchema_IsCarriedOverByTheNextWrite()
    {
        var open = await Store.CreateAsync(Raise("brand-a", "shopify:open", T0), Token);
        var acknowledged = await Store.CreateAsync(Raise("brand-a", "shopify:ack", T0), Token);
        acknowledged = await Store.ReplaceAsync(acknowledged, AlertTransitions.Acknowledge(acknowledged.Value, "ana", T0).Next!, Token);
        var firstSchema = new AlertRollupDocument
        {
            Pk = "brand-a",
            BrandId = "brand-a",
            SchemaVersion = 1,
            Entries = new Dictionary<string, AlertRollupEntry>
            {
                [open.Value.Id] = new(AlertKind.SlaMissed, AlertState.Open, 1, T0.AddDays(-3)),
                [acknowledged.Value.Id] = new(AlertKind.SlaMissed, AlertState.Acknowledged, 2, T0),
                ["al-gone"] = new(AlertKind.SlaMissed, AlertState.Resolved, 4, T0),
            },
            UpdatedAt = T0,
        };
        await Containers.Alerts.UpsertItemAsync(firstSchema, new("brand-a"), cancellationToken: Token);
        Assert.Equal([new(AlertKind.SlaMissed, AlertState.Open, 1), new(AlertKind.SlaMissed, AlertState.Acknowledged, 1)], await Store.CountUnresolvedAsync("brand-a", Token));

        await Store.ReplaceAsync(open, AlertTransitions.Resolve(open.Value, "ana", T0, null).Next!, Token);
        await Store.CreateAsync(Raise("brand-a", "shopify:new", T0), Token);

        Assert.Equal([new(AlertKind.SlaMissed, AlertState.Open, 1), new(AlertKind.SlaMissed, AlertState.Acknowledged, 1)], await Store.CountUnresolvedAsync("brand-a", Token));
        var stored = (await Containers.Alerts.ReadItemAsync<AlertRollupDocument>(AlertRollupDocument.RollupId, new("brand-a"), cancellationToken: Token)).Resource;
        Assert.Equal((2, null), (stored.SchemaVersion, stored.Entries));
        Assert.Equal(0, await Store.RepairCountsAsync("brand-a", Token));
    }

    private async Task<string> RollupETagAsync(string brandId) =>
        (await Containers.Alerts.ReadItemAsync<AlertRollupDocument>(AlertRollupDocument.RollupId, new(brandId), cancellationToken: Token)).ETag;

    private static async Task WaitForQueuedRollupWritesAsync(CosmosAlertStore store, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (store.QueuedRollupWrites < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Fewer than {count} callers queued for the rollup.");
            }

            await Task.Delay(5, Token);
        }
    }

    private static Alert Raise(string brandId, string orderId, DateTimeOffset at, AlertKind kind = AlertKind.SlaMissed, AlertSubject? subject = null) =>
        AlertRaising.Decide(
            null,
            new AlertRaise(brandId, kind, subject ?? AlertSubject.Order(orderId), $"{orderId} needs attention.")
            {
                MoneyAtStake = new MoneyAtStake(42.5m, "USD"),
                Evidence = new Dictionary<string, string> { ["shipBy"] = "2026-12-03T14:00:00Z", ["note"] = "a/b #1" },
            },
            "ops@example.com",
            at,
            AlertRenotifyPolicy.Default,
            notify: true).Alert;
}
