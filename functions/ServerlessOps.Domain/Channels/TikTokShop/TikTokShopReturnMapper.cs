using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.TikTokShop;

/// <summary>
/// TikTok Shop returns of one order from Search Returns (<c>POST /return_refund/202309/returns/search</c>, every page
/// merged: <c>data.return_orders[]</c>) as refunds. Field names from TikTok's 202309 Return and Refund API as public SDKs
/// model it (not in CHANNELS.md; unconfirmed against a live answer): <c>return_id</c>, <c>return_type</c> (REFUND,
/// RETURN_AND_REFUND, REPLACEMENT), <c>return_status</c>, <c>update_time</c>, <c>return_reason_text</c>,
/// <c>refund_amount</c> {<c>refund_total</c>, <c>refund_subtotal</c>, <c>refund_shipping_fee</c>, <c>refund_tax</c>} and
/// <c>return_line_items[]</c> each one unit (<c>order_line_item_id</c>, <c>sku_id</c>, its own <c>refund_amount</c>).
/// Only returns whose money went back count (<see cref="RefundedStatuses"/>); a pending, rejected or cancelled request
/// refunds nothing. A return's line is our line of its <c>sku_id</c> (TikTok lines are per SKU, one item per unit).
/// </summary>
public static class TikTokShopReturnMapper
{
    /// <summary>Return states after which the refund was paid: the request succeeded or the return completed.</summary>
    public static IReadOnlyCollection<string> RefundedStatuses { get; } =
        ["RETURN_OR_REFUND_REQUEST_SUCCESS", "RETURN_OR_REFUND_REQUEST_COMPLETE", "REPLACEMENT_REQUEST_REFUND_SUCCESS"];

    public static IReadOnlyList<OrderRefund> Map(string returnsJson, string externalOrderId)
    {
        var root = JsonCursor.Parse(returnsJson, "Search Returns").ExpectObject();
        var code = root.Property("code");
        if (code.GetInt64() != 0)
        {
            throw code.Fail($"expected 0 (success); message {root.Optional("message")?.GetString() ?? "none"}");
        }

        var refunds = new List<OrderRefund>();
        foreach (var item in root.Property("data").Optional("return_orders")?.Items() ?? [])
        {
            var orderIdField = item.Property("order_id");
            if (!string.Equals(orderIdField.GetId(), externalOrderId, StringComparison.Ordinal))
            {
                throw orderIdField.Fail($"expected returns of order {externalOrderId}");
            }

            var status = item.Property("return_status").GetString();
            if (!RefundedStatuses.Contains(status, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            refunds.Add(MapReturn(item));
        }

        return refunds;
    }

    private static OrderRefund MapReturn(JsonCursor item)
    {
        var returned = item.Property("return_type").GetString().Contains("RETURN", StringComparison.OrdinalIgnoreCase);
        var money = item.Property("refund_amount");
        var lines = (item.Optional("return_line_items")?.Items() ?? [])
            .GroupBy(l => l.Property("sku_id").GetId(), StringComparer.Ordinal)
            .Select(units => new RefundLine(
                units.Key,
                units.Count(),
                units.Sum(u => u.Optional("refund_amount")?.Optional("refund_subtotal")?.GetDecimal() ?? 0m),
                units.Sum(u => u.Optional("refund_amount")?.Optional("refund_tax")?.GetDecimal() ?? 0m),
                Returned: returned))
            .ToList();
        var reason = item.Optional("return_reason_text")?.GetString();
        return new OrderRefund(
            item.Property("return_id").GetId(),
            item.OptionalAny("update_time", "create_time")?.GetEpochSeconds() ?? throw item.Property("update_time").Fail("expected when the return last changed"),
            money.Property("refund_total").GetDecimal(),
            money.Optional("refund_tax")?.GetDecimal() ?? 0m,
            string.IsNullOrWhiteSpace(reason) ? item.Optional("return_reason")?.GetString() : reason,
            lines)
        {
            Shipping = money.Optional("refund_shipping_fee")?.GetDecimal() ?? 0m,
        };
    }
}
