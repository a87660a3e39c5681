using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>
/// Shopify's three status fields read as one canonical status. Precedence, strongest first: a cancellation
/// (<c>cancelled_at</c> set, or the payment voided), a refund (full or partial), then how far fulfilment went, then
/// payment. Shopify's <c>financial_status</c> value set is not confirmed (CHANNELS.md 1.6), so unknown values do not
/// fail: they read as <see cref="OrderStatus.Pending"/> and the verbatim text is kept in <see cref="Order.ChannelStatus"/>.
/// </summary>
public static class ShopifyOrderStatusMapper
{
    public static OrderStatus Map(string? financialStatus, string? fulfillmentStatus, bool cancelled, bool allShipmentsDelivered)
    {
        var financial = financialStatus?.Trim().ToUpperInvariant();
        var fulfilment = fulfillmentStatus?.Trim().ToUpperInvariant();
        if (cancelled || financial == "VOIDED")
        {
            return OrderStatus.Cancelled;
        }

        switch (financial)
        {
            case "REFUNDED":
                return OrderStatus.Refunded;
            case "PARTIALLY_REFUNDED":
                return OrderStatus.PartiallyRefunded;
        }

        switch (fulfilment)
        {
            case "FULFILLED":
                return allShipmentsDelivered ? OrderStatus.Delivered : OrderStatus.Fulfilled;
            case "PARTIAL":
                return OrderStatus.PartiallyFulfilled;
        }

        return financial switch
        {
            // Authorised payments are captured at fulfilment: the order is ready to ship.
            "PAID" or "AUTHORIZED" => OrderStatus.AwaitingFulfilment,
            _ => OrderStatus.Pending,
        };
    }

    /// <summary>The verbatim status text kept on the order: <c>financial/fulfillment</c>, plus <c>/cancelled</c>.</summary>
    public static string Describe(string? financialStatus, string? fulfillmentStatus, bool cancelled) =>
        $"{financialStatus ?? "null"}/{fulfillmentStatus ?? "null"}{(cancelled ? "/cancelled" : string.Empty)}";

    internal static string? OptionalText(JsonCursor order, string name) =>
        order.Optional(name) is { } value ? value.GetString() : null;
}
