using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>
/// The Refund resource (an entry of an order's <c>refunds[]</c>, or the body of <c>refunds/create</c>) as an
/// <see cref="OrderRefund"/> kept by its id (CHANNELS.md 1.6). Per line: <c>refund_line_items[]</c> (<c>subtotal</c>
/// tax excluded, <c>total_tax</c>; <c>restock_type</c> <c>return</c> means the units came back, <c>cancel</c> that they were
/// cancelled before shipping). Shipping refunded:
/// <c>order_adjustments[]</c> of kind <c>shipping_refund</c> (negative amounts). The amount is the successful
/// <c>refund</c> transactions' sum, which is what went back to the buyer; a refund without one (a restock with no
/// money moved) counts its lines and shipping instead. Its version is <c>created_at</c>.
/// </summary>
public static class ShopifyRefundMapper
{
    public static OrderRefund Map(JsonCursor refund)
    {
        refund.ExpectObject();
        var lines = (refund.Optional("refund_line_items")?.Items() ?? []).Select(item => new RefundLine(
            item.Property("line_item_id").GetId(),
            item.Property("quantity").GetCount(),
            item.Optional("subtotal")?.GetDecimal() ?? 0m,
            item.Optional("total_tax")?.GetDecimal() ?? 0m,
            Returned: string.Equals(item.Optional("restock_type")?.GetString(), "return", StringComparison.OrdinalIgnoreCase),
            Cancelled: string.Equals(item.Optional("restock_type")?.GetString(), "cancel", StringComparison.OrdinalIgnoreCase))).ToList();

        decimal shipping = 0m, shippingTax = 0m;
        foreach (var adjustment in refund.Optional("order_adjustments")?.Items() ?? [])
        {
            if (string.Equals(adjustment.Optional("kind")?.GetString(), "shipping_refund", StringComparison.OrdinalIgnoreCase))
            {
                shipping -= adjustment.Optional("amount")?.GetDecimal() ?? 0m;
                shippingTax -= adjustment.Optional("tax_amount")?.GetDecimal() ?? 0m;
            }
        }

        var transactions = (refund.Optional("transactions")?.Items() ?? [])
            .Where(t => string.Equals(t.Optional("kind")?.GetString(), "refund", StringComparison.OrdinalIgnoreCase)
                && string.Equals(t.Optional("status")?.GetString() ?? "success", "success", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var amount = transactions.Count > 0
            ? ChannelRecords.Sum(transactions, t => t.Property("amount").GetDecimal())
            : lines.Sum(l => l.Amount + l.Tax) + shipping + shippingTax;

        return new OrderRefund(
            refund.Property("id").GetId(),
            refund.OptionalAny("created_at", "processed_at")?.GetIsoTime() ?? throw refund.Property("created_at").Fail("expected when the refund was made"),
            amount,
            lines.Sum(l => l.Tax) + shippingTax,
            refund.Optional("note")?.GetString(),
            lines)
        {
            Shipping = shipping + shippingTax,
            ShippingTax = shippingTax,
        };
    }

    /// <summary><c>refunds/create</c>: one refund fact of order <c>order_id</c>.</summary>
    public static OrderFactReport Report(JsonCursor refund)
    {
        refund.ExpectObject();
        return new OrderFactReport(refund.Property("order_id").GetId(), [], [Map(refund)]);
    }
}
