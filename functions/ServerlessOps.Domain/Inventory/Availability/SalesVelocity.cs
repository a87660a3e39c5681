namespace ServerlessOps.Domain.Inventory.Availability;

/// <summary>
/// Recent sales velocity of a SKU at one location, from its ledger entries: the units reservations took in the window
/// ending now, divided by the window's length. Reservations are the earliest sign of a sale (an order holds units the
/// moment it lands), so they, not shipments, measure how fast a listing empties.
/// </summary>
public static class SalesVelocity
{
    /// <summary>Units per second reserved at <paramref name="location"/> in (<paramref name="now"/> − <paramref name="window"/>, <paramref name="now"/>].</summary>
    public static decimal PerSecond(IEnumerable<StockLedgerEntry> entries, string location, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var from = now - window;
        var units = entries
            .Where(e => e.Movement.Kind is StockMovementKind.Reserve or StockMovementKind.ReserveShipped
                && string.Equals(e.Movement.Location, location, StringComparison.Ordinal)
                && e.AppliedAt > from && e.AppliedAt <= now)
            .Sum(e => (long)Math.Max(0, e.ReservedDelta));
        return units / (decimal)window.TotalSeconds;
    }
}
