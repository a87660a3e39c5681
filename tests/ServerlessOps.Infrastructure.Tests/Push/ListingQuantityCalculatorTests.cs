using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Inventory.Availability;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Tests.Push;

/// <summary>Where the pushes' sales velocity comes from: the balance's reservation rollup, the ledger's entries only for a balance it does not cover yet.</summary>
public sealed class ListingQuantityCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 11, 30, 30, TimeSpan.Zero);
    private static readonly ChannelListing Listing = new(SalesChannel.Walmart, "WM-1", "wh-1", ShipNode: "SN-1");
    private static readonly StockBalance Balance = new("acme", "SKU-1", "wh-1", OnHand: 120, Reserved: 20);

    private readonly EntryReads _ledger = new();
    private readonly ListingQuantityCalculator _calculator = new(
        new NoBrands(), Microsoft.Extensions.Options.Options.Create(new InventoryPushOptions()), new FakeTimeProvider(Now));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARollupCoveringTheWindow_GivesTheVelocity_WithoutReadingTheLedgersEntries()
    {
        // 930 units in the 15-minute window measured from 11:15:00: one unit a second; a listing never pushed assumes 5 s.
        var position = new StockPosition(Balance, new ReservationRollup().Add(Now.AddMinutes(-10), 900).Add(Now.AddSeconds(-5), 30));

        var entries = await _calculator.EntriesFor(_ledger, position, Token);
        var quantity = _calculator.Compute("acme", Listing, position, entries, state: null);

        Assert.Equal(0, _ledger.Reads);
        Assert.Equal((5, 95), (quantity.Buffer.Units, quantity.Quantity));
    }

    [Fact]
    public async Task ABalanceWrittenBeforeTheRollup_ReadsTheWindowsEntries_AsEveryPushDidBefore()
    {
        var position = new StockPosition(Balance, ReservationRollup.NotCounting);
        _ledger.Entries = [.. Enumerable.Range(0, 10).Select(i =>
            new StockLedgerEntry(new StockMovement("acme", "SKU-1", "wh-1", StockMovementKind.Reserve, 90, $"order:{i}:r1"), 0, 90, Now.AddMinutes(-i)))];

        var entries = await _calculator.EntriesFor(_ledger, position, Token);
        var quantity = _calculator.Compute("acme", Listing, position, entries, state: null);

        Assert.Equal((1, Now.AddMinutes(-15), 500), (_ledger.Reads, _ledger.After, _ledger.Limit));
        Assert.Equal((5, 95), (quantity.Buffer.Units, quantity.Quantity));
    }

    private sealed class NoBrands : IBrandDirectorySource
    {
        public BrandDirectory Current => BrandDirectory.Empty;
    }

    /// <summary>Answers the velocity read with canned entries and counts it; the other reads are not part of this.</summary>
    private sealed class EntryReads : IInventoryLedgerStore
    {
        public IReadOnlyList<StockLedgerEntry> Entries { get; set; } = [];

        public int Reads { get; private set; }

        public DateTimeOffset After { get; private set; }

        public int Limit { get; private set; }

        public Task<IReadOnlyList<StockLedgerEntry>> ListEntriesAppliedAfterAsync(string brandId, string sku, DateTimeOffset after, int limit, CancellationToken cancellationToken)
        {
            (Reads, After, Limit) = (Reads + 1, after, limit);
            return Task.FromResult(Entries);
        }

        public Task<StockApplyResult> ApplyAsync(StockMovement movement, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StockMovement?> FindMovementAsync(string brandId, string sku, string entryId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StockBalance> GetBalanceAsync(string brandId, string sku, string location, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StockPosition> GetPositionAsync(string brandId, string sku, string location, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<StockLedgerEntry>> ListEntriesAsync(string brandId, string sku, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
