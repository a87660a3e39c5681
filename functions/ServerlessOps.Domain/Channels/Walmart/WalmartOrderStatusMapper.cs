using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.Walmart;

/// <summary>
/// The order's canonical status from its lines' <c>orderLineStatuses</c> (CHANNELS.md 3.5), counted in units:
/// every active unit cancelled → Cancelled; a refund on any line → PartiallyRefunded (Walmart refunds per line; a
/// full refund shows as refunds on every line, still read as partial here because the refund amounts are not
/// compared with the charges); all active units delivered → Delivered; all shipped → Fulfilled; some → PartiallyFulfilled;
/// otherwise (Created, Acknowledged) → AwaitingFulfilment.
/// </summary>
public static class WalmartOrderStatusMapper
{
    public static IReadOnlyCollection<string> KnownLineStatuses { get; } =
        ["Created", "Acknowledged", "Shipped", "Delivered", "Cancelled", "Canceled"];

    public static OrderStatus Map(IReadOnlyList<WalmartLineProgress> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var ordered = lines.Sum(l => l.Quantity);
        var cancelled = lines.Sum(l => Math.Min(l.Quantity, l.Cancelled));
        var active = ordered - cancelled;
        if (active <= 0)
        {
            return OrderStatus.Cancelled;
        }

        if (lines.Any(l => l.Refunded))
        {
            return OrderStatus.PartiallyRefunded;
        }

        var delivered = lines.Sum(l => l.Delivered);
        var shipped = lines.Sum(l => l.Shipped);
        if (delivered >= active)
        {
            return OrderStatus.Delivered;
        }

        if (shipped >= active)
        {
            return OrderStatus.Fulfilled;
        }

        return shipped > 0 ? OrderStatus.PartiallyFulfilled : OrderStatus.AwaitingFulfilment;
    }

    public static bool IsCancelled(string status) =>
        string.Equals(status, "Cancelled", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "Canceled", StringComparison.OrdinalIgnoreCase);

    public static bool IsDelivered(string status) => string.Equals(status, "Delivered", StringComparison.OrdinalIgnoreCase);

    /// <summary>Delivered units have shipped too.</summary>
    public static bool IsShipped(string status) =>
        string.Equals(status, "Shipped", StringComparison.OrdinalIgnoreCase) || IsDelivered(status);
}

/// <summary>Units of one line in each lifecycle state (a delivered unit counts as shipped and delivered).</summary>
public sealed record WalmartLineProgress(int Quantity, int Shipped, int Delivered, int Cancelled, bool Refunded);
