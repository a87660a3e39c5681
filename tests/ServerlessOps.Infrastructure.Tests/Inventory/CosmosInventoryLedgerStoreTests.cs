using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Serialization;
using ServerlessOps.Infrastructure.Inventory;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Inventory;

/// <summary>The ledger against the Cosmos server: arithmetic, idempotency, races on one balance, and both crash points.</summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed class CosmosInventoryLedgerStoreTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    private const string Brand = "brand-a";
    private const string Sku = "SKU/1";
    private const string Warehouse = "wh-east";

    private CosmosInventoryLedgerStore NewStore(TimeProvider? time = null) => new(
        Containers,
        Options,
        Microsoft.Extensions.Options.Options.Create(new InventoryLedgerOptions()),
        time ?? TimeProvider.System,
        NullLogger<CosmosInventoryLedgerStore>.Instance);

    private static StockMovement Move(StockMovementKind kind, int quantity, string cause, string sku = Sku, string brand = Brand, string location = Warehouse) =>
        new(brand, sku, location, kind, quantity, cause);

    [Fact]
    public async Task Reserve_200ConcurrentOneUnitOrdersFor50OnHand_Exactly50AppliedAnd150Insufficient()
    {
        var store = NewStore();
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 50, "po:1"), Token);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => store.ApplyAsync(Move(StockMovementKind.Reserve, 1, $"order:{i}:line-1:r1"), Token), Token)));

        Assert.Equal(50, results.Count(r => r.Outcome == StockApplyOutcome.Applied));
        Assert.Equal(150, results.Count(r => r.Outcome == StockApplyOutcome.Insufficient));
        Assert.Equal(new StockBalance(Brand, Sku, Warehouse, 50, 50), await store.GetBalanceAsync(Brand, Sku, Warehouse, Token));
        var entries = await store.ListEntriesAsync(Brand, Sku, 1000, Token);
        var reservations = entries.Where(e => e.Movement.Kind == StockMovementKind.Reserve).ToList();
        Assert.Equal(
            results.Where(r => r.Outcome == StockApplyOutcome.Applied).Select(r => r.Movement.Cause).Order(StringComparer.Ordinal),
            reservations.Select(e => e.Movement.Cause).Order(StringComparer.Ordinal));
        Assert.All(reservations, e => Assert.Equal((0, 1), (e.OnHandDelta, e.ReservedDelta)));
        Assert.Equal(50, entries.Sum(e => e.ReservedDelta));
        Assert.Equal(50, entries.Sum(e => e.OnHandDelta));
        Assert.Empty(await EntriesInStateAsync(StockEntryState.Pending));
        Assert.Equal(150, (await EntriesInStateAsync(StockEntryState.Refused)).Count);
    }

    [Fact]
    public async Task ListAppliedAfter_AnInstant_ListsOnlyTheEntriesAppliedSinceNewestFirst()
    {
        const string sku = "SKU/velocity";
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
        var store = NewStore(time);
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 10, "po:velocity", sku), Token);
        time.Advance(TimeSpan.FromMinutes(10));
        await store.ApplyAsync(Move(StockMovementKind.Reserve, 1, "order:v1:line-1:r1", sku), Token);
        var cutOff = time.GetUtcNow();
        time.Advance(TimeSpan.FromMinutes(10));
        await store.ApplyAsync(Move(StockMovementKind.Reserve, 2, "order:v2:line-1:r1", sku), Token);
        time.Advance(TimeSpan.FromSeconds(1));
        await store.ApplyAsync(Move(StockMovementKind.Reserve, 3, "order:v3:line-1:r1", sku), Token);

        var recent = await store.ListEntriesAppliedAfterAsync(Brand, sku, cutOff, 10, Token);
        var everything = await store.ListEntriesAsync(Brand, sku, 10, Token);

        Assert.Equal(["order:v3:line-1:r1", "order:v2:line-1:r1"], recent.Select(e => e.Movement.Cause));
        Assert.Equal(4, everything.Count);
        Assert.Equal(["order:v3:line-1:r1"], (await store.ListEntriesAppliedAfterAsync(Brand, sku, cutOff, 1, Token)).Select(e => e.Movement.Cause));
    }

    [Fact]
    public async Task Apply_SameMovement20TimesConcurrently_IsAppliedOnce()
    {
        var store = NewStore();
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 10, "po:1"), Token);
        var reserve = Move(StockMovementKind.Reserve, 3, "order:7:line-1:r1");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.ApplyAsync(reserve, Token), Token)));

        Assert.Equal(1, results.Count(r => r.Outcome == StockApplyOutcome.Applied));
        Assert.Equal(19, results.Count(r => r.Outcome == StockApplyOutcome.AlreadyApplied));
        Assert.Equal(new StockBalance(Brand, Sku, Warehouse, 10, 3), await store.GetBalanceAsync(Brand, Sku, Warehouse, Token));
        Assert.Single(await store.ListEntriesAsync(Brand, Sku, 10, Token), e => e.Movement.Kind == StockMovementKind.Reserve);
    }

    [Fact]
    public async Task Apply_AfterCrashBetweenEntryAndBalance_SameMovementAgainFinishesItOnce()
    {
        var store = NewStore();
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 5, "po:1"), Token);
        var reserve = Move(StockMovementKind.Reserve, 2, "order:8:line-1:r1");
        var pending = StockEntryDocument.Pending(reserve, DateTimeOffset.UtcNow);
        await Containers.InventoryLedger.CreateItemAsync(pending, new PartitionKey(pending.Pk), cancellationToken: Token);
        Assert.Equal(0, (await store.GetBalanceAsync(Brand, Sku, Warehouse, Token)).Reserved);

        var retried = await store.ApplyAsync(reserve, Token);
        var again = await store.ApplyAsync(reserve, Token);

        Assert.Equal(StockApplyOutcome.Applied, retried.Outcome);
        Assert.Equal(StockApplyOutcome.AlreadyApplied, again.Outcome);
        Assert.Equal(new StockBalance(Brand, Sku, Warehouse, 5, 2), await store.GetBalanceAsync(Brand, Sku, Warehouse, Token));
        var entry = await ReadEntryAsync(reserve);
        Assert.Equal((StockEntryState.Applied, 1, 0, 2), (entry.State, entry.Claims, entry.OnHandDelta, entry.ReservedDelta));
    }

    [Fact]
    public async Task Apply_AfterCrashBetweenBalanceAndEntryMark_SameMovementAgainAnswersAlreadyAppliedAndMarksTheEntry()
    {
        var crashing = NewStore();
        crashing.AfterBalanceDecided = (_, _) => throw new SimulatedCrashException();
        await NewStore().ApplyAsync(Move(StockMovementKind.Receipt, 5, "po:1"), Token);
        var reserve = Move(StockMovementKind.Reserve, 4, "order:9:line-1:r1");
        await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.ApplyAsync(reserve, Token));
        Assert.Equal(StockEntryState.Pending, (await ReadEntryAsync(reserve)).State);

        var retried = await NewStore().ApplyAsync(reserve, Token);

        Assert.Equal(StockApplyOutcome.AlreadyApplied, retried.Outcome);
        Assert.Equal(new StockBalance(Brand, Sku, Warehouse, 5, 4), retried.Balance);
        Assert.Equal(StockEntryState.Applied, (await ReadEntryAsync(reserve)).State);
    }

    [Fact]
    public async Task ListEntries_EntryLeftPendingAfterItsBalanceTookIt_IsListedAsAppliedAndMarked()
    {
        var crashing = NewStore();
        crashing.AfterBalanceDecided = (_, _) => throw new SimulatedCrashException();
        var receipt = Move(StockMovementKind.Receipt, 7, "po:2");
        await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.ApplyAsync(receipt, Token));

        var listed = Assert.Single(await NewStore().ListEntriesAsync(Brand, Sku, 10, Token));

        Assert.Equal((receipt, 7, 0), (listed.Movement, listed.OnHandDelta, listed.ReservedDelta));
        Assert.Equal(StockEntryState.Applied, (await ReadEntryAsync(receipt)).State);
    }

    /// <summary>
    /// The interleaving: a writer stopped between the balance and the entry mark, so po:stranded is applied in the
    /// balance and pending as an entry. A ledger read finds it pending and is held just before it reads the balances;
    /// meanwhile other movements make the balance trim, which marks po:stranded and then drops it from the balance. The
    /// read must still list it: as applied by its entry, since the balance no longer holds it.
    /// </summary>
    [Fact]
    public async Task ListEntries_PendingEntryMarkedAndTrimmedWhileTheReadIsUnderWay_IsStillListed()
    {
        var gate = new BalanceQueryGate();
        using var client = ClientThrough(gate);
        var reader = NewStore(client);
        var crashing = NewStore();
        crashing.AfterBalanceDecided = (_, _) => throw new SimulatedCrashException();
        var stranded = Move(StockMovementKind.Receipt, 5, "po:stranded");
        await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.ApplyAsync(stranded, Token));
        var writer = NewStore();
        for (var i = 0; i < 10; i++)
        {
            await writer.ApplyAsync(Move(StockMovementKind.Receipt, 1, $"po:{i}"), Token);
        }

        gate.Arm();
        var listing = Task.Run(() => reader.ListEntriesAsync(Brand, Sku, 1000, Token), Token);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        for (var i = 10; i < 10 + CosmosInventoryLedgerStore.RecentCapacity; i++)
        {
            await writer.ApplyAsync(Move(StockMovementKind.Receipt, 1, $"po:{i}"), Token);
        }

        Assert.Null((await ReadBalanceAsync(Warehouse)).Find(stranded.EntryId));
        gate.Release.TrySetResult();
        var listed = await listing;

        Assert.Contains(listed, e => e.Movement == stranded);
        Assert.Equal(5 + 10 + CosmosInventoryLedgerStore.RecentCapacity, listed.Sum(e => e.OnHandDelta));
    }

    [Fact]
    public async Task ListEntries_EntryPendingThatNoBalanceTook_IsNotListed()
    {
        var reserve = Move(StockMovementKind.Reserve, 1, "order:10:line-1:r1");
        var pending = StockEntryDocument.Pending(reserve, DateTimeOffset.UtcNow);
        await Containers.InventoryLedger.CreateItemAsync(pending, new PartitionKey(pending.Pk), cancellationToken: Token);

        Assert.Empty(await NewStore().ListEntriesAsync(Brand, Sku, 10, Token));
        Assert.Equal(StockEntryState.Pending, (await ReadEntryAsync(reserve)).State);
    }

    [Fact]
    public async Task Apply_EachKind_ChangesOnHandAndReservedByItsRuleAndRecordsTheDeltaApplied()
    {
        var store = NewStore();
        var steps = new (StockMovement Movement, int OnHand, int Reserved, int OnHandDelta, int ReservedDelta)[]
        {
            (Move(StockMovementKind.Receipt, 20, "po:1"), 20, 0, 20, 0),
            (Move(StockMovementKind.Reserve, 8, "order:1:l1:r1"), 20, 8, 0, 8),
            (Move(StockMovementKind.Commit, 5, "order:1:l1:ship"), 15, 3, -5, -5),
            (Move(StockMovementKind.Release, 3, "order:1:l1:cancel"), 15, 0, 0, -3),
            (Move(StockMovementKind.Return, 2, "order:1:l1:return"), 17, 0, 2, 0),
            (Move(StockMovementKind.Adjustment, -4, "adj:damaged"), 13, 0, -4, 0),
            (Move(StockMovementKind.Adjustment, 1, "adj:found"), 14, 0, 1, 0),
            (Move(StockMovementKind.Count, 11, "count:2026-03-01"), 11, 0, -3, 0),
            (Move(StockMovementKind.Count, 16, "count:2026-03-02"), 16, 0, 5, 0),
        };

        foreach (var (movement, onHand, reserved, _, _) in steps)
        {
            var result = await store.ApplyAsync(movement, Token);
            Assert.Equal(StockApplyOutcome.Applied, result.Outcome);
            Assert.Equal(new StockBalance(Brand, Sku, Warehouse, onHand, reserved), result.Balance);
        }

        var entries = await store.ListEntriesAsync(Brand, Sku, 100, Token);
        Assert.Equal(steps.Select(s => s.Movement.EntryId).Reverse(), entries.Select(e => e.Movement.EntryId));
        Assert.Equal(steps.Select(s => (s.OnHandDelta, s.ReservedDelta)).Reverse(), entries.Select(e => (e.OnHandDelta, e.ReservedDelta)));
        Assert.Equal(16, entries.Sum(e => e.OnHandDelta));
        Assert.All(entries, e => Assert.False(e.Clamped));
    }

    /// <summary>
    /// The order flow's movements for an order first seen already shipped (2 units) while order A holds every unit. They
    /// used to be a Reserve, refused, and a Commit, applied, which took 2 of A's units off reserved (on hand 8, reserved
    /// 8): once A let 2 go, order B could reserve 2 more, 10 units promised against 8. Reserved as shipped, never refused,
    /// the units leave on hand and the Commit takes off reserved only what O reserved.
    /// </summary>
    [Fact]
    public async Task ReserveShippedThenCommit_WhileAnotherOrderHoldsEveryUnit_LowersOnHandAndLeavesWhatTheOtherOrderHolds()
    {
        var store = NewStore();
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 10, "po:1"), Token);
        Assert.Equal(StockApplyOutcome.Applied, (await store.ApplyAsync(Move(StockMovementKind.Reserve, 10, "order:A:L1:reserve:0-10:a1"), Token)).Outcome);

        var reserved = await store.ApplyAsync(Move(StockMovementKind.ReserveShipped, 2, "order:O:L1:reserveshipped:0-2"), Token);
        var committed = await store.ApplyAsync(Move(StockMovementKind.Commit, 2, "order:O:L1:commit:0-2"), Token);
        await store.ApplyAsync(Move(StockMovementKind.Release, 2, "order:A:L1:release:0-2"), Token);
        var b = await store.ApplyAsync(Move(StockMovementKind.Reserve, 2, "order:B:L1:reserve:0-2:a1"), Token);

        Assert.Equal((StockApplyOutcome.Applied, new StockBalance(Brand, Sku, Warehouse, 10, 12)), (reserved.Outcome, reserved.Balance));
        Assert.Equal((StockApplyOutcome.Applied, new StockBalance(Brand, Sku, Warehouse, 8, 10)), (committed.Outcome, committed.Balance));
        Assert.Equal((StockApplyOutcome.Insufficient, new StockBalance(Brand, Sku, Warehouse, 8, 8)), (b.Outcome, b.Balance));
        var entries = await store.ListEntriesAsync(Brand, Sku, 10, Token);
        Assert.Equal((8, 8), (entries.Sum(e => e.OnHandDelta), entries.Sum(e => e.ReservedDelta)));
    }

    [Fact]
    public async Task Release_MoreThanReserved_StopsAtZeroAndRecordsTheClamp()
    {
        var store = NewStore();
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 5, "po:1"), Token);
        await store.ApplyAsync(Move(StockMovementKind.Reserve, 2, "order:1:l1:r1"), Token);

        var released = await store.ApplyAsync(Move(StockMovementKind.Release, 5, "order:1:l1:cancel"), Token);

        Assert.Equal(new StockBalance(Brand, Sku, Warehouse, 5, 0), released.Balance);
        var entry = (await store.ListEntriesAsync(Brand, Sku, 1, Token))[0];
        Assert.Equal((5, 0, -2, true), (entry.Movement.Quantity, entry.OnHandDelta, entry.ReservedDelta, entry.Clamped));
    }

    [Fact]
    public async Task Reserve_MoreThanAvailable_IsInsufficientChangesNothingAndStaysRefusedForThatCause()
    {
        var store = NewStore();
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 3, "po:1"), Token);
        var reserve = Move(StockMovementKind.Reserve, 4, "order:2:l1:r1");

        var refused = await store.ApplyAsync(reserve, Token);
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 10, "po:2"), Token);
        var retried = await store.ApplyAsync(reserve, Token);
        var newCause = await store.ApplyAsync(reserve with { Cause = "order:2:l1:r2" }, Token);

        Assert.Equal((StockApplyOutcome.Insufficient, new StockBalance(Brand, Sku, Warehouse, 3, 0)), (refused.Outcome, refused.Balance));
        Assert.Equal(StockApplyOutcome.Insufficient, retried.Outcome);
        Assert.Equal((StockApplyOutcome.Applied, new StockBalance(Brand, Sku, Warehouse, 13, 4)), (newCause.Outcome, newCause.Balance));
        Assert.DoesNotContain(await store.ListEntriesAsync(Brand, Sku, 10, Token), e => e.Movement.Cause == "order:2:l1:r1");
    }

    [Fact]
    public async Task Apply_SameSkuOfAnotherBrandOrLocation_LeavesThoseBalancesUntouched()
    {
        var store = NewStore();
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 9, "po:1", brand: "brand-b"), Token);
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 4, "po:west-1", location: "wh-west"), Token);

        await store.ApplyAsync(Move(StockMovementKind.Receipt, 6, "po:1"), Token);
        await store.ApplyAsync(Move(StockMovementKind.Reserve, 6, "order:3:l1:r1"), Token);

        Assert.Equal(new StockBalance("brand-b", Sku, Warehouse, 9, 0), await store.GetBalanceAsync("brand-b", Sku, Warehouse, Token));
        Assert.Equal(new StockBalance(Brand, Sku, "wh-west", 4, 0), await store.GetBalanceAsync(Brand, Sku, "wh-west", Token));
        Assert.Equal(new StockBalance(Brand, Sku, Warehouse, 6, 6), await store.GetBalanceAsync(Brand, Sku, Warehouse, Token));
        Assert.Single(await store.ListEntriesAsync("brand-b", Sku, 10, Token));
        Assert.Equal([Warehouse, "wh-west"], (await store.ListBalancesAsync(Brand, Sku, Token)).Select(b => b.Location));
    }

    [Fact]
    public async Task Apply_CauseReusedForAnotherQuantity_ThrowsNamingTheRecordedMovementAndChangesNothing()
    {
        var store = NewStore();
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 5, "po:1"), Token);

        var conflict = await Assert.ThrowsAsync<StockMovementConflictException>(() => store.ApplyAsync(Move(StockMovementKind.Receipt, 6, "po:1"), Token));

        Assert.Equal(5, conflict.Recorded!.Quantity);
        Assert.Equal(5, (await store.GetBalanceAsync(Brand, Sku, Warehouse, Token)).OnHand);
    }

    [Fact]
    public async Task Balance_AfterManyMovements_HoldsABoundedSetOfRecentDecisionsAndEveryEntryIsMarked()
    {
        var store = NewStore();
        for (var i = 0; i < 75; i++)
        {
            await store.ApplyAsync(Move(StockMovementKind.Receipt, 1, $"po:{i}"), Token);
        }

        var balance = await ReadBalanceAsync(Warehouse);
        Assert.InRange(balance.Recent.Count, 1, CosmosInventoryLedgerStore.RecentCapacity);
        Assert.Equal(75, balance.OnHand);
        Assert.Equal(75, (await EntriesInStateAsync(StockEntryState.Applied)).Count);
        Assert.Equal(75, (await store.ListEntriesAsync(Brand, Sku, 100, Token)).Count);
        Assert.Equal(StockApplyOutcome.AlreadyApplied, (await store.ApplyAsync(Move(StockMovementKind.Receipt, 1, "po:0"), Token)).Outcome);
    }

    [Fact]
    public async Task Trim_OfDecisionsThisProcessMarked_DropsThemWithoutReadingTheirEntriesAgain()
    {
        var requests = new CosmosPointReads((path, _) => path.Contains("/docs/entry|", StringComparison.Ordinal));
        using var client = ClientThrough(requests);
        var store = NewStore(client);

        for (var i = 0; i < 75; i++)
        {
            await store.ApplyAsync(Move(StockMovementKind.Receipt, 1, $"po:{i}"), Token);
        }

        // One entry read per movement, the check after its balance read; the trims (every ~20 decisions) read none.
        Assert.Equal(75, requests.Count);
        Assert.InRange((await ReadBalanceAsync(Warehouse)).Recent.Count, 1, CosmosInventoryLedgerStore.RecentCapacity);
        Assert.Equal(75, (await EntriesInStateAsync(StockEntryState.Applied)).Count);
        Assert.Equal(75, (await store.GetBalanceAsync(Brand, Sku, Warehouse, Token)).OnHand);
    }

    [Fact]
    public async Task Position_CarriesTheUnitsReservedPerMinute_AndABalanceFromBeforeTheRollupCountsFromItsNextWrite()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 11, 0, 20, TimeSpan.Zero));
        var store = NewStore(time);
        var window = TimeSpan.FromMinutes(15);
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 100, "po:1"), Token);
        await store.ApplyAsync(Move(StockMovementKind.Reserve, 3, "order:1:r1"), Token);
        time.Advance(TimeSpan.FromMinutes(2));
        await store.ApplyAsync(Move(StockMovementKind.Reserve, 2, "order:2:r1"), Token);
        await store.ApplyAsync(Move(StockMovementKind.Release, 1, "order:2:cancel"), Token);
        await store.ApplyAsync(Move(StockMovementKind.Reserve, 500, "order:3:r1"), Token);

        var position = await store.GetPositionAsync(Brand, Sku, Warehouse, Token);
        Assert.Equal(new StockBalance(Brand, Sku, Warehouse, 100, 4), position.Balance);
        Assert.Equal([3L, 2L], position.Reservations.Minutes.Select(b => b.Units));
        Assert.True(position.Reservations.Covers(time.GetUtcNow(), window));

        // Written before the rollup existed: no window is covered until one has passed since its next write.
        var legacy = StockBalanceDocument.Empty(Brand, Sku, "wh-legacy");
        await Containers.InventoryLedger.CreateItemAsync(
            new StockBalanceDocument { Id = legacy.Id, Pk = legacy.Pk, BrandId = Brand, Sku = Sku, Location = "wh-legacy", OnHand = 10 },
            new PartitionKey(legacy.Pk), cancellationToken: Token);
        Assert.False((await store.GetPositionAsync(Brand, Sku, "wh-legacy", Token)).Reservations.Covers(time.GetUtcNow(), window));
        await store.ApplyAsync(Move(StockMovementKind.Reserve, 4, "order:4:r1", location: "wh-legacy"), Token);
        var upgraded = (await store.GetPositionAsync(Brand, Sku, "wh-legacy", Token)).Reservations;
        Assert.Equal((time.GetUtcNow(), 4L), (upgraded.CountingSince, upgraded.Minutes.Sum(b => b.Units)));
        Assert.False(upgraded.Covers(time.GetUtcNow(), window));
        time.Advance(TimeSpan.FromMinutes(16));
        Assert.True(upgraded.Covers(time.GetUtcNow(), window));
    }

    [Fact]
    public async Task Apply_PendingReservationRetried10TimesConcurrentlyWithoutStock_IsRefusedOnceForAllAndChangesNothing()
    {
        var store = NewStore();
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 1, "po:1"), Token);
        var reserve = Move(StockMovementKind.Reserve, 2, "order:11:line-1:r1");
        var pending = StockEntryDocument.Pending(reserve, DateTimeOffset.UtcNow);
        await Containers.InventoryLedger.CreateItemAsync(pending, new PartitionKey(pending.Pk), cancellationToken: Token);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => store.ApplyAsync(reserve, Token), Token)));

        Assert.All(results, r => Assert.Equal(StockApplyOutcome.Insufficient, r.Outcome));
        Assert.Equal(new StockBalance(Brand, Sku, Warehouse, 1, 0), await store.GetBalanceAsync(Brand, Sku, Warehouse, Token));
        Assert.Equal(StockEntryState.Refused, (await ReadEntryAsync(reserve)).State);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Apply_MixedKindsRacingOnOneBalanceFromSeveralProcesses_BalanceEqualsTheSumOfItsEntriesDeltas(int processes)
    {
        var stores = Enumerable.Range(0, processes).Select(_ => NewStore()).ToList();
        await stores[0].ApplyAsync(Move(StockMovementKind.Receipt, 30, "po:0"), Token);
        var movements = Enumerable.Range(0, 120).Select(i => (i % 6) switch
        {
            0 => Move(StockMovementKind.Reserve, 2, $"order:{i}:r1"),
            1 => Move(StockMovementKind.Release, 1, $"order:{i - 1}:cancel"),
            2 => Move(StockMovementKind.Commit, 1, $"order:{i - 2}:ship"),
            3 => Move(StockMovementKind.Receipt, 3, $"po:{i}"),
            4 => Move(StockMovementKind.Adjustment, -1, $"adj:{i}"),
            _ => Move(StockMovementKind.Return, 1, $"return:{i}"),
        }).ToList();

        // Every movement twice, concurrently, through different stores: a retry racing its own first attempt elsewhere.
        await Task.WhenAll(movements.Concat(movements).Select((m, n) => Task.Run(() => stores[n % processes].ApplyAsync(m, Token), Token)));

        var balance = await stores[0].GetBalanceAsync(Brand, Sku, Warehouse, Token);
        var entries = await stores[0].ListEntriesAsync(Brand, Sku, 1000, Token);
        Assert.Equal(121, entries.Count + (await EntriesInStateAsync(StockEntryState.Refused)).Count);
        Assert.Equal(balance.OnHand, entries.Sum(e => e.OnHandDelta));
        Assert.Equal(balance.Reserved, entries.Sum(e => e.ReservedDelta));
        Assert.True(balance.OnHand >= 0 && balance.Reserved >= 0, $"{balance}");
        Assert.Empty(await EntriesInStateAsync(StockEntryState.Pending));
        Assert.InRange((await ReadBalanceAsync(Warehouse)).Recent.Count, 1, CosmosInventoryLedgerStore.RecentCapacity + CosmosInventoryLedgerStore.MaxBatch);
    }

    [Fact]
    public async Task Trim_EntryLeftPendingAfterItsBalanceTookIt_IsMarkedBeforeItsDecisionLeavesTheBalance()
    {
        var crashing = NewStore();
        crashing.AfterBalanceDecided = (_, _) => throw new SimulatedCrashException();
        var lost = Move(StockMovementKind.Receipt, 100, "po:lost-answer");
        await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.ApplyAsync(lost, Token));
        var store = NewStore();

        for (var i = 0; i < CosmosInventoryLedgerStore.RecentCapacity; i++)
        {
            await store.ApplyAsync(Move(StockMovementKind.Receipt, 1, $"po:{i}"), Token);
        }

        Assert.Null((await ReadBalanceAsync(Warehouse)).Find(lost.EntryId));
        var entry = await ReadEntryAsync(lost);
        Assert.Equal((StockEntryState.Applied, 100), (entry.State, entry.OnHandDelta));
        Assert.Equal(StockApplyOutcome.AlreadyApplied, (await store.ApplyAsync(lost, Token)).Outcome);
        Assert.Equal(100 + CosmosInventoryLedgerStore.RecentCapacity, (await store.GetBalanceAsync(Brand, Sku, Warehouse, Token)).OnHand);
    }

    [Fact]
    public async Task Apply_RetriesOnTheBalanceExhausted_FailsWithTheEntryPendingAndTheSameMovementAgainFinishesIt()
    {
        // One store per movement: separate processes, which meet only on the balance's ETag (one store combines its own callers).
        CosmosInventoryLedgerStore Impatient() => new(
            Containers,
            Options,
            Microsoft.Extensions.Options.Options.Create(new InventoryLedgerOptions { MaxConflictRetries = 1, ConflictBaseDelay = TimeSpan.Zero }),
            TimeProvider.System,
            NullLogger<CosmosInventoryLedgerStore>.Instance);
        var receipts = Enumerable.Range(0, 40).Select(i => Move(StockMovementKind.Receipt, 1, $"po:{i}")).ToList();

        var attempts = await Task.WhenAll(receipts.Select(m => Task.Run(
            async () =>
            {
                try
                {
                    await Impatient().ApplyAsync(m, Token);
                    return (m, Failure: (Exception?)null);
                }
                catch (Domain.Concurrency.ConcurrencyConflictException e)
                {
                    return (m, Failure: e);
                }
            },
            Token)));
        var failed = attempts.Where(a => a.Failure is not null).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, a => Assert.Contains("apply the same movement again", a.Failure!.Message, StringComparison.Ordinal));
        Assert.Equal(failed.Count, (await EntriesInStateAsync(StockEntryState.Pending)).Count);

        foreach (var (movement, _) in failed)
        {
            Assert.Equal(StockApplyOutcome.Applied, (await NewStore().ApplyAsync(movement, Token)).Outcome);
        }

        Assert.Equal(40, (await NewStore().GetBalanceAsync(Brand, Sku, Warehouse, Token)).OnHand);
        Assert.Empty(await EntriesInStateAsync(StockEntryState.Pending));
    }

    [Fact]
    public async Task Apply_CallersGivingUpWhileQueuedOrLeading_OthersFinishAndRetriesApplyEachOnce()
    {
        var store = NewStore();
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 100, "po:1"), Token);
        var reserves = Enumerable.Range(0, 60).Select(i => Move(StockMovementKind.Reserve, 1, $"order:{i}:r1")).ToList();

        var first = await Task.WhenAll(reserves.Select((m, i) => Task.Run(
            async () =>
            {
                using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Token);
                if (i % 3 == 0)
                {
                    giveUp.CancelAfter(TimeSpan.FromMilliseconds(i % 20));
                }

                try
                {
                    return (await store.ApplyAsync(m, giveUp.Token)).Outcome;
                }
                catch (OperationCanceledException) when (giveUp.IsCancellationRequested && !Token.IsCancellationRequested)
                {
                    return (StockApplyOutcome?)null;
                }
            },
            Token)).Select(t => t.WaitAsync(TimeSpan.FromSeconds(60), Token)));
        var retried = await Task.WhenAll(reserves.Select(m => store.ApplyAsync(m, Token)));

        Assert.All(first.Where(o => o is not null), o => Assert.Equal(StockApplyOutcome.Applied, o));
        Assert.All(retried, r => Assert.Contains(r.Outcome, new[] { StockApplyOutcome.Applied, StockApplyOutcome.AlreadyApplied }));
        Assert.Equal(new StockBalance(Brand, Sku, Warehouse, 100, 60), await store.GetBalanceAsync(Brand, Sku, Warehouse, Token));
        Assert.Equal(60, (await store.ListEntriesAsync(Brand, Sku, 100, Token)).Count(e => e.Movement.Kind == StockMovementKind.Reserve));
    }

    /// <summary>
    /// The interleaving: A leads alone, held on its balance read, while L, W1 and W2 queue behind it. A finishes and hands
    /// the lead to L, which takes [L, W1, W2] into one batch and is held on its balance read. W1's caller gives up (W1 is
    /// in no queue, only in L's batch), then L's caller gives up too, and L puts the others back at the head of the queue.
    /// Had W1 gone back with W2, it would have been promoted with nobody to lead: W2 (a caller that never gives up, like
    /// the order flow's activity) and every later caller of this balance in the process would wait forever.
    /// </summary>
    [Fact]
    public async Task Apply_CallerGivingUpInsideALeadersBatchAndThenTheLeaderGivingUp_OthersStillFinishAndRetriesApplyOnce()
    {
        var gate = new PointReadGate(path => path.Contains("/docs/balance|", StringComparison.Ordinal));
        using var client = ClientThrough(gate);
        var store = NewStore(client);
        await store.ApplyAsync(Move(StockMovementKind.Receipt, 100, "po:1"), Token);
        var (a, l, w1, w2, late) = (
            Move(StockMovementKind.Reserve, 1, "order:a:r1"), Move(StockMovementKind.Reserve, 1, "order:l:r1"), Move(StockMovementKind.Reserve, 1, "order:w1:r1"),
            Move(StockMovementKind.Reserve, 1, "order:w2:r1"), Move(StockMovementKind.Reserve, 1, "order:late:r1"));

        var holdA = gate.HoldNext(honourCancellation: false);
        var applyingA = Task.Run(() => store.ApplyAsync(a, Token), Token);
        await holdA.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        using var giveUpL = CancellationTokenSource.CreateLinkedTokenSource(Token);
        using var giveUpW1 = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var applyingL = Task.Run(() => store.ApplyAsync(l, giveUpL.Token), Token);
        await WaitForQueuedCallersAsync(store, 1);
        var applyingW1 = Task.Run(() => store.ApplyAsync(w1, giveUpW1.Token), Token);
        await WaitForQueuedCallersAsync(store, 2);
        var applyingW2 = Task.Run(() => store.ApplyAsync(w2, CancellationToken.None), Token);
        await WaitForQueuedCallersAsync(store, 3);

        var holdL = gate.HoldNext(honourCancellation: true);
        holdA.Release.TrySetResult();
        Assert.Equal(StockApplyOutcome.Applied, (await applyingA).Outcome);
        await holdL.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await giveUpW1.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => applyingW1);
        await giveUpL.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => applyingL);

        var applyingLate = store.ApplyAsync(late, Token);
        Assert.Equal(StockApplyOutcome.Applied, (await applyingW2.WaitAsync(TimeSpan.FromSeconds(20), Token)).Outcome);
        Assert.Equal(StockApplyOutcome.Applied, (await applyingLate.WaitAsync(TimeSpan.FromSeconds(20), Token)).Outcome);
        Assert.Equal(StockApplyOutcome.Applied, (await store.ApplyAsync(l, Token)).Outcome);
        Assert.Equal(StockApplyOutcome.Applied, (await store.ApplyAsync(w1, Token)).Outcome);
        Assert.Equal(new StockBalance(Brand, Sku, Warehouse, 100, 5), await store.GetBalanceAsync(Brand, Sku, Warehouse, Token));
    }

    [Fact]
    public async Task ListEntries_WithLimit_AnswersTheNewestAppliedFirst()
    {
        var store = NewStore();
        for (var i = 1; i <= 5; i++)
        {
            await store.ApplyAsync(Move(StockMovementKind.Receipt, i, $"po:{i}"), Token);
        }

        var listed = await store.ListEntriesAsync(Brand, Sku, 2, Token);

        Assert.Equal(["po:5", "po:4"], listed.Select(e => e.Movement.Cause));
    }

    [Theory]
    [InlineData(StockMovementKind.Reserve, 0)]
    [InlineData(StockMovementKind.Receipt, -1)]
    [InlineData(StockMovementKind.Count, -1)]
    [InlineData(StockMovementKind.Adjustment, 0)]
    public async Task Apply_QuantityOutsideTheKindsRange_IsRejectedBeforeAnythingIsWritten(StockMovementKind kind, int quantity)
    {
        var store = NewStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.ApplyAsync(Move(kind, quantity, "bad:1"), Token));

        Assert.Empty(await EntriesInStateAsync(StockEntryState.Pending));
    }

    /// <summary>A client of this class's database whose requests pass through <paramref name="handler"/> first.</summary>
    private CosmosClient ClientThrough(RequestHandler handler) => Cosmos.CreateClient(new CosmosClientOptions
    {
        Serializer = new CosmosSystemTextJsonSerializer(CosmosJson.Options),
        CustomHandlers = { handler, new EmulatorCompatibilityHandler() },
    });

    private CosmosInventoryLedgerStore NewStore(CosmosClient client) => new(
        new CosmosContainers(client, Containers.DatabaseName),
        Options,
        Microsoft.Extensions.Options.Options.Create(new InventoryLedgerOptions()),
        TimeProvider.System,
        NullLogger<CosmosInventoryLedgerStore>.Instance);

    private static async Task WaitForQueuedCallersAsync(CosmosInventoryLedgerStore store, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (store.QueuedCallers < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Fewer than {count} callers queued.");
            }

            await Task.Delay(5, Token);
        }
    }

    private async Task<StockEntryDocument> ReadEntryAsync(StockMovement movement) =>
        (await Containers.InventoryLedger.ReadItemAsync<StockEntryDocument>(
            StockEntryDocument.IdFor(movement.EntryId), new PartitionKey(StockBalanceDocument.PartitionKeyFor(movement.BrandId, movement.Sku)), cancellationToken: Token)).Resource;

    private async Task<StockBalanceDocument> ReadBalanceAsync(string location) =>
        (await Containers.InventoryLedger.ReadItemAsync<StockBalanceDocument>(
            StockBalanceDocument.IdFor(location), new PartitionKey(StockBalanceDocument.PartitionKeyFor(Brand, Sku)), cancellationToken: Token)).Resource;

    private async Task<List<StockEntryDocument>> EntriesInStateAsync(StockEntryState state)
    {
        var pk = StockBalanceDocument.PartitionKeyFor(Brand, Sku);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.type = @type AND c.state = @state")
            .WithParameter("@pk", pk).WithParameter("@type", StockEntryDocument.DocumentType).WithParameter("@state", state.ToString());
        var found = new List<StockEntryDocument>();
        using var iterator = Containers.InventoryLedger.GetItemQueryIterator<StockEntryDocument>(
            query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(pk), EnableOptimisticDirectExecution = true });
        while (iterator.HasMoreResults)
        {
            found.AddRange(await iterator.ReadNextAsync(Token));
        }

        return found;
    }

    private sealed class SimulatedCrashException : Exception
    {
        public SimulatedCrashException()
            : base("Simulated crash between the balance write and the entry mark.")
        {
        }
    }
}
