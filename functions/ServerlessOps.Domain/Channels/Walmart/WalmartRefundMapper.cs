using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.Walmart;

/// <summary>
/// The <c>refund</c> block of Walmart order lines (CHANNELS.md 3.5; field names from Walmart's orders model, the shape
/// unconfirmed against a real answer): <c>refundId</c>, <c>refundComments</c>, <c>refundCharges.refundCharge[]</c> each
/// with a <c>refundReason</c> and a <c>charge</c> (<c>chargeType</c> PRODUCT or SHIPPING, <c>chargeAmount</c>, <c>tax</c>),
/// amounts negative. One refund can span lines, so lines are grouped by <c>refundId</c> into one <see cref="OrderRefund"/>.
/// Walmart names no refunded units: each line's refund is money with quantity 0. The refund carries no time of its own,
/// so its line's <c>statusDate</c> stands for it.
/// </summary>
public static class WalmartRefundMapper
{
    public static IReadOnlyList<OrderRefund> Map(string purchaseOrderId, IReadOnlyList<JsonCursor> orderLines)
    {
        ArgumentNullException.ThrowIfNull(orderLines);
        var parts = new List<LinePart>();
        foreach (var line in orderLines)
        {
            if (line.Optional("refund") is not { } refund)
            {
                continue;
            }

            var lineNumber = line.Property("lineNumber").GetId();
            decimal product = 0m, productTax = 0m, shipping = 0m, shippingTax = 0m;
            var reason = refund.Optional("refundComments")?.GetString();
            foreach (var entry in refund.Optional("refundCharges")?.Optional("refundCharge")?.ItemsOrSingle() ?? [])
            {
                reason ??= entry.Optional("refundReason")?.GetString();
                var charge = entry.Property("charge");
                var amount = Math.Abs(charge.Property("chargeAmount").Property("amount").GetDecimal());
                var tax = Math.Abs(charge.Optional("tax")?.Optional("taxAmount")?.Property("amount").GetDecimal() ?? 0m);
                if (string.Equals(charge.Optional("chargeType")?.GetString(), "SHIPPING", StringComparison.OrdinalIgnoreCase))
                {
                    shipping += amount;
                    shippingTax += tax;
                }
                else
                {
                    product += amount;
                    productTax += tax;
                }
            }

            parts.Add(new LinePart(
                refund.Optional("refundId")?.GetId() ?? $"{purchaseOrderId}:{lineNumber}",
                line.Optional("statusDate")?.GetEpochMillisecondsOrIsoTime() ?? DateTimeOffset.UnixEpoch,
                reason,
                new RefundLine(lineNumber, 0, product, productTax),
                shipping,
                shippingTax));
        }

        return [.. parts.GroupBy(p => p.Id, StringComparer.Ordinal).Select(g => new OrderRefund(
            g.Key,
            g.Max(p => p.At),
            g.Sum(p => p.Line.Amount + p.Line.Tax + p.Shipping + p.ShippingTax),
            g.Sum(p => p.Line.Tax + p.ShippingTax),
            g.Select(p => p.Reason).FirstOrDefault(r => r is not null),
            [.. g.Select(p => p.Line)])
        {
            Shipping = g.Sum(p => p.Shipping + p.ShippingTax),
            ShippingTax = g.Sum(p => p.ShippingTax),
        })];
    }

    private sealed record LinePart(string Id, DateTimeOffset At, string? Reason, RefundLine Line, decimal Shipping, decimal ShippingTax);
}
