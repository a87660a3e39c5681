using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>
/// Shopify's order-level status fields read as the channel facts <see cref="OrderStatusRules"/> needs beside the lines:
/// released once <c>financial_status</c> says the money is authorised or taken (<c>authorized</c>, <c>paid</c>,
/// <c>partially_paid</c>, or a refund state, which implies payment); a refund state from <c>partially_refunded</c> and
/// <c>refunded</c>; cancelled when <c>cancelled_at</c> is set or the payment was voided. Shopify's <c>financial_status</c>
/// value set is not confirmed (CHANNELS.md 1.6), so unknown values do not fail: they read as not released, and the
/// verbatim text is kept in <see cref="Order.ChannelStatus"/>.
/// </summary>
public static class ShopifyOrderStatusMapper
{
    private static readonly HashSet<string> _released = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorized", "paid", "partially_paid", "partially_refunded", "refunded",
    };

    public static OrderChannelFacts Facts(string? financialStatus, bool cancelledAtSet = false)
    {
        var financial = financialStatus?.Trim();
        return new OrderChannelFacts
        {
            Released = financial is not null && _released.Contains(financial),
            Cancelled = IsCancelled(financialStatus, cancelledAtSet),
            Refund = financial?.ToUpperInvariant() switch
            {
                "REFUNDED" => ChannelRefundState.Full,
                "PARTIALLY_REFUNDED" => ChannelRefundState.Partial,
                _ => ChannelRefundState.None,
            },
        };
    }

    /// <summary>Every unshipped unit is cancelled: <c>cancelled_at</c> set, or the authorised payment voided.</summary>
    public static bool IsCancelled(string? financialStatus, bool cancelledAtSet) =>
        cancelledAtSet || string.Equals(financialStatus?.Trim(), "voided", StringComparison.OrdinalIgnoreCase);

    /// <summary>The verbatim status text kept on the order: <c>financial/fulfillment</c>, plus <c>/cancelled</c>.</summary>
    public static string Describe(string? financialStatus, string? fulfillmentStatus, bool cancelled) =>
        $"{financialStatus ?? "null"}/{fulfillmentStatus ?? "null"}{(cancelled ? "/cancelled" : string.Empty)}";

    internal static string? OptionalText(JsonCursor order, string name) =>
        order.Optional(name) is { } value ? value.GetString() : null;
}
