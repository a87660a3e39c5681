namespace ServerlessOps.Domain.Channels.Walmart;

/// <summary>
/// Walmart's line statuses (<c>orderLineStatuses</c>, CHANNELS.md 3.5), counted in units per line: Cancelled
/// (spelled "Canceled" on one page) units are cancelled, Shipped and Delivered units shipped, Delivered units also
/// delivered. The order's status then follows from the lines (<see cref="Orders.OrderStatusRules"/>): one line
/// auto-cancelled beside an open one is PartiallyCancelled, not the status of an open order.
/// </summary>
public static class WalmartOrderStatusMapper
{
    public static IReadOnlyCollection<string> KnownLineStatuses { get; } =
        ["Created", "Acknowledged", "Shipped", "Delivered", "Cancelled", "Canceled"];

    /// <summary>Every active (not cancelled) unit delivered, with at least one active unit.</summary>
    public static bool AllDelivered(IReadOnlyList<WalmartLineProgress> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var active = lines.Sum(l => l.Quantity - Math.Min(l.Quantity, l.Cancelled));
        return active > 0 && lines.Sum(l => l.Delivered) >= active;
    }

    public static bool IsCancelled(string status) =>
        string.Equals(status, "Cancelled", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "Canceled", StringComparison.OrdinalIgnoreCase);

    public static bool IsDelivered(string status) => string.Equals(status, "Delivered", StringComparison.OrdinalIgnoreCase);

    /// <summary>Delivered units have shipped too.</summary>
    public static bool IsShipped(string status) =>
        string.Equals(status, "Shipped", StringComparison.OrdinalIgnoreCase) || IsDelivered(status);
}

/// <summary>Units of one line in each lifecycle state (a delivered unit counts as shipped and delivered).</summary>
public sealed record WalmartLineProgress(int Quantity, int Shipped, int Delivered, int Cancelled);
