namespace ServerlessOps.Domain.Inventory.Availability;

/// <summary>Units reserved in one bucket of a <see cref="ReservationRollup"/>: the minute or hour starting at <paramref name="Start"/> (UTC).</summary>
public sealed record ReservedUnits(DateTimeOffset Start, long Units);
