using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.TikTokShop;

/// <summary>Get Order Detail <c>status</c> (CHANNELS.md 4.5) as the canonical status; unknown values fail by name.</summary>
public static class TikTokShopOrderStatusMapper
{
    private static readonly Dictionary<string, OrderStatus> _statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UNPAID"] = OrderStatus.Pending,

        // Paid, but held by TikTok's risk checks before it may ship.
        ["ON_HOLD"] = OrderStatus.Pending,
        ["AWAITING_SHIPMENT"] = OrderStatus.AwaitingFulfilment,
        ["PARTIALLY_SHIPPING"] = OrderStatus.PartiallyFulfilled,

        // Packed and waiting for the carrier's pick-up: not shipped yet.
        ["AWAITING_COLLECTION"] = OrderStatus.AwaitingFulfilment,
        ["IN_TRANSIT"] = OrderStatus.Fulfilled,
        ["DELIVERED"] = OrderStatus.Delivered,
        ["COMPLETED"] = OrderStatus.Delivered,
        ["CANCELLED"] = OrderStatus.Cancelled,
    };

    public static OrderStatus Map(JsonCursor status) => _statuses[status.GetOneOf(_statuses.Keys)];

    /// <summary>Line <c>display_status</c> values meaning the unit left the warehouse.</summary>
    public static bool IsShipped(string? displayStatus) =>
        displayStatus is not null
        && (displayStatus.Equals("IN_TRANSIT", StringComparison.OrdinalIgnoreCase)
            || displayStatus.Equals("DELIVERED", StringComparison.OrdinalIgnoreCase)
            || displayStatus.Equals("COMPLETED", StringComparison.OrdinalIgnoreCase));

    public static bool IsCancelled(string? displayStatus) =>
        displayStatus is not null && displayStatus.Equals("CANCELLED", StringComparison.OrdinalIgnoreCase);
}
