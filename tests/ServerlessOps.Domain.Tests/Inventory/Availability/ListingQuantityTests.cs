using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Inventory.Availability;

namespace ServerlessOps.Domain.Tests.Inventory.Availability;

public sealed class ListingQuantityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Buffer_RiskAboveStaticMinimum_IsCeilingOfVelocityTimesLatency()
    {
        var buffer = PushBuffer.Compute(staticMinimum: 2, salesPerSecond: 0.5m, pushLatency: TimeSpan.FromSeconds(9.2));

        Assert.Equal((5, 5), (buffer.RiskUnits, buffer.Units));
    }

    [Fact]
    public void Buffer_NoSales_IsTheStaticMinimum()
    {
        var buffer = PushBuffer.Compute(staticMinimum: 3, salesPerSecond: 0m, pushLatency: TimeSpan.FromSeconds(30));

        Assert.Equal((0, 3), (buffer.RiskUnits, buffer.Units));
    }

    [Fact]
    public void Quantity_AvailableLessBuffer_NeverBelowZero()
    {
        var buffer = PushBuffer.Compute(5, 0m, TimeSpan.FromSeconds(1));

        Assert.Equal(35, ListingQuantity.Compute(40, buffer).Quantity);
        Assert.Equal(0, ListingQuantity.Compute(3, buffer).Quantity);
    }

    [Fact]
    public void Quantity_AllocationBelowUncapped_IsCappedAndWhySaysSo()
    {
        var buffer = PushBuffer.Compute(2, 0.5m, TimeSpan.FromSeconds(5.2));

        var quantity = ListingQuantity.Compute(40, buffer, allocation: 30);

        Assert.Equal(30, quantity.Quantity);
        Assert.Equal("available 40 − buffer 3 (max(static 2, ⌈0.5/s × 5.2 s⌉ = 3)) = 37, capped at allocation 30 → 30", quantity.Why);
    }

    [Fact]
    public void Quantity_AllocationAboveUncapped_ChangesNothing()
    {
        var quantity = ListingQuantity.Compute(10, PushBuffer.Compute(1, 0m, TimeSpan.Zero, latencyMeasured: false), allocation: 50);

        Assert.Equal(9, quantity.Quantity);
        Assert.DoesNotContain("capped", quantity.Why, StringComparison.Ordinal);
        Assert.Contains("default", quantity.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Buffer_NegativeInputs_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PushBuffer.Compute(-1, 0m, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => PushBuffer.Compute(0, -0.1m, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => PushBuffer.Compute(0, 0m, TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Velocity_CountsOnlyReservationsAtTheLocationInsideTheWindow_ThoseOfShippedUnitsToo()
    {
        StockLedgerEntry Entry(StockMovementKind kind, string location, int reserved, int onHand, double secondsAgo) =>
            new(new StockMovement("acme", "MUG", location, kind, Math.Max(1, Math.Abs(reserved + onHand)), $"c{secondsAgo}{kind}{location}"), onHand, reserved, Now.AddSeconds(-secondsAgo));

        var entries = new[]
        {
            Entry(StockMovementKind.Reserve, "main", 3, 0, 10),
            Entry(StockMovementKind.Reserve, "main", 2, 0, 59),
            Entry(StockMovementKind.ReserveShipped, "main", 4, 0, 30),
            Entry(StockMovementKind.Commit, "main", -4, -4, 30),
            Entry(StockMovementKind.Reserve, "main", 7, 0, 61),
            Entry(StockMovementKind.Reserve, "east", 9, 0, 5),
            Entry(StockMovementKind.Receipt, "main", 0, 50, 5),
            Entry(StockMovementKind.Release, "main", -1, 0, 5),
        };

        Assert.Equal(9m / 60m, SalesVelocity.PerSecond(entries, "main", Now, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void ZeroDropBrake_MoreDistinctDropsThanAllowedInWindow_Holds()
    {
        var drops = new[] { ("a", Now.AddSeconds(-10)), ("b", Now.AddSeconds(-5)), ("old", Now.AddMinutes(-10)) };

        Assert.False(ZeroDropBrake.ShouldHold(drops, "b", Now, TimeSpan.FromMinutes(1), maxDrops: 2));
        Assert.True(ZeroDropBrake.ShouldHold(drops, "c", Now, TimeSpan.FromMinutes(1), maxDrops: 2));
        Assert.False(ZeroDropBrake.ShouldHold(drops, "c", Now, TimeSpan.FromMinutes(1), maxDrops: 3));
    }
}
