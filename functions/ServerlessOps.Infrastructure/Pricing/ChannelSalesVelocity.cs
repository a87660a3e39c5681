using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// Units a channel sells per day, from the inventory ledger: every reservation whose cause is one of the channel's orders
/// (<c>order:{channel slug}:…</c>, as the order flow writes it) applied within the window, divided by the window's days
/// (<see cref="PerDay"/>, last).
/// The ledger is the cheapest honest source: one bounded single-partition query of the SKU, where the orders would take
/// a cross-partition scan; reservations count what buyers ordered (a later cancellation does not undo the demand).
/// </summary>
public static class ChannelSalesVelocity
{
    /// <summary>Units the channel's orders reserved within the window ending at <paramref name="now"/>.</summary>
    public static long Units(IEnumerable<StockLedgerEntry> entries, SalesChannel channel, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var prefix = $"order:{channel.Slug()}:";
        var from = now - window;
        return entries
            .Where(e => e.Movement.Kind is StockMovementKind.Reserve or StockMovementKind.ReserveShipped
                && e.Movement.Cause.StartsWith(prefix, StringComparison.Ordinal)
                && e.AppliedAt > from && e.AppliedAt <= now)
            .Sum(e => (long)Math.Max(0, e.ReservedDelta));
    }

    /// <summary>
    /// <paramref name="perUnit"/> × <paramref name="units"/> sold over <paramref name="window"/>, per day, unrounded. The one
    /// division comes last, on whole ticks: a figure exactly on a half cent (0.21 × 1 unit / 14 days = 0.015) stays exact
    /// for the rounding, where a velocity divided first (1 / 14 = 0.0714…2857, cut at 28 digits) would land just under it
    /// and round down.
    /// </summary>
    public static decimal PerDay(decimal perUnit, long units, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        return perUnit * units * TimeSpan.TicksPerDay / window.Ticks;
    }
}
