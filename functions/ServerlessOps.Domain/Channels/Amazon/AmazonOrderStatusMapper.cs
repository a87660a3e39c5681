using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.Amazon;

/// <summary>
/// Orders API <c>OrderStatus</c> (ordersV0 model, CHANNELS.md 2.3) read as what it says about the whole order: released
/// for fulfilment (not Pending or PendingAvailability), every unit shipped (Shipped, InvoiceUnconfirmed) and every
/// unshipped unit cancelled (Canceled, Unfulfillable). The canonical status then follows from the lines
/// (<see cref="OrderStatusRules"/>); the item quantities (QuantityShipped) say how far a PartiallyShipped order went.
/// </summary>
public static class AmazonOrderStatusMapper
{
    private static readonly Dictionary<string, AmazonOrderState> _states = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Pending"] = new(Released: false, AllShipped: false, Cancelled: false),

        // Pre-orders: placed, payment not yet authorised, release date in the future. Amazon withholds prices as for Pending.
        ["PendingAvailability"] = new(Released: false, AllShipped: false, Cancelled: false),
        ["Unshipped"] = new(Released: true, AllShipped: false, Cancelled: false),
        ["PartiallyShipped"] = new(Released: true, AllShipped: false, Cancelled: false),
        ["Shipped"] = new(Released: true, AllShipped: true, Cancelled: false),

        // Shipped; only the invoice confirmation (China marketplace) is outstanding.
        ["InvoiceUnconfirmed"] = new(Released: true, AllShipped: true, Cancelled: false),
        ["Canceled"] = new(Released: true, AllShipped: false, Cancelled: true),

        // Multi-channel fulfilment orders Amazon cannot fulfil: they will never ship, which for stock and revenue is a cancellation.
        ["Unfulfillable"] = new(Released: true, AllShipped: false, Cancelled: true),
    };

    public static IReadOnlyCollection<string> Known => _states.Keys;

    /// <summary>Unknown values fail by name: guessing a lifecycle position for an order could release or hold stock wrongly.</summary>
    public static AmazonOrderState Read(JsonCursor status) => _states[status.GetOneOf(_states.Keys)];
}

/// <summary>What an Amazon <c>OrderStatus</c> says about the order as a whole.</summary>
/// <param name="Released">Paid and released to ship; false while Amazon withholds prices (Pending, PendingAvailability).</param>
/// <param name="AllShipped">Every unit shipped, whatever the items' QuantityShipped says.</param>
/// <param name="Cancelled">Every unshipped unit cancelled.</param>
public sealed record AmazonOrderState(bool Released, bool AllShipped, bool Cancelled);
