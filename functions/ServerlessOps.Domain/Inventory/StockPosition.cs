using ServerlessOps.Domain.Inventory.Availability;

namespace ServerlessOps.Domain.Inventory;

/// <summary>One SKU's balance at one location with the reservations recently taken from it: what available-to-sell needs, in one read.</summary>
public sealed record StockPosition(StockBalance Balance, ReservationRollup Reservations);
