using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.Amazon;

/// <summary>Orders API <c>OrderStatus</c> (ordersV0 model, CHANNELS.md 2.3) read as the canonical status.</summary>
public static class AmazonOrderStatusMapper
{
    private static readonly Dictionary<string, OrderStatus> _statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Pending"] = OrderStatus.Pending,

        // Pre-orders: placed, payment not yet authorised, release date in the future. Amazon withholds prices as for Pending.
        ["PendingAvailability"] = OrderStatus.Pending,
        ["Unshipped"] = OrderStatus.AwaitingFulfilment,
        ["PartiallyShipped"] = OrderStatus.PartiallyFulfilled,
        ["Shipped"] = OrderStatus.Fulfilled,

        // Shipped; only the invoice confirmation (China marketplace) is outstanding.
        ["InvoiceUnconfirmed"] = OrderStatus.Fulfilled,
        ["Canceled"] = OrderStatus.Cancelled,

        // Multi-channel fulfilment orders Amazon cannot fulfil: they will never ship, which for stock and revenue is a cancellation.
        ["Unfulfillable"] = OrderStatus.Cancelled,
    };

    public static IReadOnlyCollection<string> Known => _statuses.Keys;

    /// <summary>Unknown values fail by name: guessing a lifecycle position for an order could release or hold stock wrongly.</summary>
    public static OrderStatus Map(JsonCursor status)
    {
        var text = status.GetOneOf(_statuses.Keys);
        return _statuses[text];
    }

    /// <summary>Statuses in which Amazon withholds prices, taxes and promotions by design (CHANNELS.md 5a).</summary>
    public static bool WithholdsPrices(OrderStatus status, string channelStatus) =>
        status == OrderStatus.Pending || string.Equals(channelStatus, "Canceled", StringComparison.OrdinalIgnoreCase);
}
