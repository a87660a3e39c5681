using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// Units a channel sells per day, from the inventory ledger: every reservation whose cause is one of the channel's orders
/// (<c>order:{channel slug}:…</c>, as the order flow writes it) applied within the window, divided by the window's days.
/// The ledger is the cheapest honest source: one bounded single-partition query of the SKU, where the orders would take
/// a cross-partition scan; reservations count what buyers ordered (a later cancellation does not undo the demand).
/// </summary>
public static class ChannelSalesVelocity
{
    public static decimal UnitsPerDay(IEnumerable<StockLedgerEntry> entries, SalesChannel channel, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var prefix = $"order:{channel.Slug()}:";
        var from = now - window;
        var units = entries
            .Where(e => e.Movement.Kind is StockMovementKind.Reserve or StockMovementKind.ReserveShipped
                && e.Movement.Cause.StartsWith(prefix, StringComparison.Ordinal)
                && e.AppliedAt > from && e.AppliedAt <= now)
            .Sum(e => (long)Math.Max(0, e.ReservedDelta));
        return units / (decimal)window.TotalDays;
    }
}
