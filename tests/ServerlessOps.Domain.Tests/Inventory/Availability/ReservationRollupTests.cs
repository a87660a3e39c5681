using FsCheck.Xunit;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Inventory.Availability;

namespace ServerlessOps.Domain.Tests.Inventory.Availability;

public sealed class ReservationRollupTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 11, 7, 30, TimeSpan.Zero);

    [Fact]
    public void PerSecond_UnitsOfTheWindow_OverTheSpanFromTheStartOfItsFirstMinute()
    {
        var rollup = new ReservationRollup()
            .Add(Now.AddMinutes(-20), 100)
            .Add(Now.AddMinutes(-14), 3)
            .Add(Now.AddMinutes(-14).AddSeconds(5), 2)
            .Add(Now.AddSeconds(-1), 4);

        // The 15-minute window starts 10:52:30, in the minute from 10:52:00: 9 units over 930 s; the 100 units are older.
        Assert.Equal(9m / 930m, rollup.PerSecond(Now, TimeSpan.FromMinutes(15)));
        Assert.Equal(5, rollup.Minutes.Single(b => b.Start == new DateTimeOffset(2026, 12, 6, 10, 53, 0, TimeSpan.Zero)).Units);
    }

    [Fact]
    public void Add_MinutesOlderThanAnHour_AreDropped_WhileTheHoursKeepTheDay()
    {
        var rollup = new ReservationRollup().Add(Now.AddHours(-3), 50).Add(Now.AddMinutes(-61), 7).Add(Now, 1);

        Assert.Equal([Now.AddSeconds(-30)], rollup.Minutes.Select(b => b.Start));
        Assert.Equal(58, rollup.Hours.Sum(b => b.Units));

        // A 6-hour window reads hours: from 05:00, 58 units over 6 h 7 min 30 s.
        Assert.Equal(58m / 22_050m, rollup.PerSecond(Now, TimeSpan.FromHours(6)));
    }

    [Fact]
    public void Covers_OnlyWindowsThatStartAfterItBeganCounting()
    {
        var upgraded = new ReservationRollup { CountingSince = Now.AddMinutes(-10) };

        Assert.True(new ReservationRollup().Covers(Now, TimeSpan.FromHours(24)));
        Assert.True(upgraded.Covers(Now, TimeSpan.FromMinutes(5)));
        Assert.False(upgraded.Covers(Now, TimeSpan.FromMinutes(15)));
        Assert.False(ReservationRollup.NotCounting.Covers(Now, TimeSpan.FromSeconds(10)));
    }

    /// <summary>
    /// Against the exact count of the entries it replaces (<see cref="SalesVelocity"/>): the rollup counts the window and
    /// at most the minute before it, over that same longer span.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool PerSecond_AnyReservationsInTheLastHour_LiesBetweenTheExactCountsOfTheWindowAndOfOneMinuteMore(
        (ushort SecondsAgo, byte Units)[] reservations, byte windowMinutes)
    {
        var window = TimeSpan.FromMinutes(1 + (windowMinutes % 60));
        var entries = reservations.Where(r => r.Units > 0).Select(r => Entry(Now.AddSeconds(-(r.SecondsAgo % 3600)), r.Units)).ToList();
        var rollup = entries.OrderBy(e => e.AppliedAt).Aggregate(new ReservationRollup(), (acc, e) => acc.Add(e.AppliedAt, e.ReservedDelta));

        var from = Now - window;
        var span = (decimal)(Now - ReservationRollup.WindowStart(Now, window)).TotalSeconds;
        var exact = entries.Where(e => e.AppliedAt > from).Sum(e => (long)e.ReservedDelta);
        var withMinuteMore = entries.Where(e => e.AppliedAt > from.AddMinutes(-1)).Sum(e => (long)e.ReservedDelta);
        var measured = Math.Round(rollup.PerSecond(Now, window) * span, 6);
        return measured >= exact && measured <= withMinuteMore;
    }

    private static StockLedgerEntry Entry(DateTimeOffset appliedAt, int units) =>
        new(new StockMovement("acme", "SKU-1", "wh-1", StockMovementKind.Reserve, units, $"order:{appliedAt.UtcTicks}:{units}"), 0, units, appliedAt);
}
