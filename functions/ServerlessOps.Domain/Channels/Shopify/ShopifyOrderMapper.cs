using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>
/// The Shopify Order resource (an orders/* webhook body) as a canonical <see cref="Order"/> (CHANNELS.md 1.6).
/// Amounts are shop money (<c>price</c>, not <c>price_set.presentment_money</c>) in the order's <c>currency</c>.
/// Units: shipped from the fulfilments (<see cref="ShopifyFulfillmentMapper"/>), refunded and returned from the refunds
/// (<see cref="ShopifyRefundMapper"/>), both kept by their ids; cancelled = units removed from the line
/// (<c>quantity</c> − <c>current_quantity</c>) that no refund took back after shipping, and every unshipped unit once the
/// order is cancelled.
/// </summary>
public static class ShopifyOrderMapper
{
    public static Order Map(JsonCursor order, ChannelAccount account, DateTimeOffset? triggeredAt)
    {
        ArgumentNullException.ThrowIfNull(account);
        order.ExpectObject();
        var financial = ShopifyOrderStatusMapper.OptionalText(order, "financial_status");
        var fulfilment = ShopifyOrderStatusMapper.OptionalText(order, "fulfillment_status");
        var cancelledAtSet = order.Optional("cancelled_at")?.GetIsoTime() is not null;
        var cancelled = ShopifyOrderStatusMapper.IsCancelled(financial, cancelledAtSet);

        var shipments = (order.Optional("fulfillments")?.Items() ?? []).Select(ShopifyFulfillmentMapper.Map).ToList();
        var refunds = (order.Optional("refunds")?.Items() ?? []).Select(ShopifyRefundMapper.Map).ToList();
        var lines = order.Property("line_items").Items().Select(line => MapLine(line, shipments, refunds, cancelled)).ToList();
        var shipping = MapShipping(order, shipments);

        var lineDiscounts = lines.Sum(l => l.Discount ?? 0m);
        var totalDiscounts = order.Optional("total_discounts")?.GetDecimal() ?? lineDiscounts + (shipping?.Discount ?? 0m);

        return OrderLedger.Settle(new Order
        {
            BrandId = account.BrandId,
            Channel = SalesChannel.Shopify,
            ChannelAccountId = account.AccountId,
            ExternalOrderId = order.Property("id").GetId(),
            DisplayNumber = order.Optional("name")?.GetString(),

            // Derived by OrderLedger.Settle from the lines, the refunds and the facts.
            Status = OrderStatus.Pending,
            ChannelStatus = ShopifyOrderStatusMapper.Describe(financial, fulfilment, cancelledAtSet),
            ChannelFacts = ShopifyOrderStatusMapper.Facts(financial, cancelledAtSet),
            Currency = order.Property("currency").GetNonEmptyString(),
            PricesIncludeTax = order.Optional("taxes_included")?.GetBoolean(),
            Lines = lines,
            Shipping = shipping,
            Refunds = refunds,

            // total_discounts covers line and shipping allocations; what is left is an order-level discount.
            OrderDiscount = Math.Max(0m, totalDiscounts - lineDiscounts - (shipping?.Discount ?? 0m)),

            // total_price is what was charged at checkout and matches the lines as placed; current_total_price
            // moves with edits and refunds, which the lines' cancelled units and the refunds carry instead.
            Total = order.Property("total_price").GetAmount(),
            PlacedAt = order.Property("created_at").GetIsoTime(),
            Version = new OrderVersion(order.Property("updated_at").GetIsoTime(), triggeredAt),
            CancelReason = cancelledAtSet ? order.Optional("cancel_reason")?.GetString() : null,
        });
    }

    private static OrderLine MapLine(JsonCursor line, List<Shipment> shipments, List<OrderRefund> refunds, bool orderCancelled)
    {
        var lineId = line.Property("id").GetId();
        var quantity = line.Property("quantity").GetCount();

        // current_quantity drops when units are removed by an edit or a refund. Units refunded with restock type
        // "cancel" never shipped and are cancellations; units refunded otherwise (returned, or kept by the buyer) are not.
        var current = line.Optional("current_quantity")?.GetCount() ?? quantity;
        var refundedNotCancelled = refunds.SelectMany(r => r.Lines).Where(l => l.LineId == lineId && !l.Cancelled).Sum(l => l.Quantity);
        var removed = Math.Max(0, quantity - current);
        var cancelled = Math.Max(0, removed - refundedNotCancelled);
        if (orderCancelled)
        {
            var shipped = shipments.Where(s => s.IsShipped).SelectMany(s => s.Lines).Where(l => l.LineId == lineId).Sum(l => l.Quantity);
            cancelled = Math.Max(cancelled, quantity - shipped);
        }

        var sku = line.Optional("sku")?.GetString();
        var variantId = line.Optional("variant_id")?.GetId();
        return new OrderLine(
            LineId: lineId,

            // Shopify allows variants without a SKU; fall back to the variant (or line) id so the line still has a key.
            Sku: string.IsNullOrWhiteSpace(sku) ? ItemKey.For(null, variantId ?? lineId) : sku.Trim(),
            Title: line.Optional("name")?.GetString() ?? line.Optional("title")?.GetString(),
            Quantity: quantity,
            UnitPrice: line.Property("price").GetAmount(),

            // Not total_discount: Shopify's own fixture shows "0.00" there next to a non-zero allocation (CHANNELS.md 1.6).
            Discount: ChannelRecords.Sum(line.Optional("discount_allocations")?.Items() ?? [], a => a.Property("amount").GetDecimal()),
            Tax: ChannelRecords.Sum(line.Optional("tax_lines")?.Items() ?? [], t => t.Property("price").GetDecimal()),
            QuantityCancelled: Math.Min(quantity, cancelled));
    }

    private static ShippingInfo? MapShipping(JsonCursor order, List<Shipment> shipments)
    {
        var shippingLines = order.Optional("shipping_lines")?.Items() ?? [];
        var address = order.Optional("shipping_address");
        if (shippingLines.Count == 0 && address is null && shipments.Count == 0)
        {
            return null;
        }

        var titles = shippingLines.Select(l => l.Optional("title")?.GetString()).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();

        // Only the coarse destination is kept: no names, street lines, phone or company (ShippingInfo's contract).
        return new ShippingInfo(
            Method: titles.Count == 0 ? null : string.Join(" + ", titles),
            Price: ChannelRecords.Sum(shippingLines, l => l.Property("price").GetDecimal()),
            Tax: ChannelRecords.Sum(shippingLines, l => ChannelRecords.Sum(l.Optional("tax_lines")?.Items() ?? [], t => t.Property("price").GetDecimal())),
            Discount: ChannelRecords.Sum(shippingLines, l => ChannelRecords.Sum(l.Optional("discount_allocations")?.Items() ?? [], a => a.Property("amount").GetDecimal())),
            CountryCode: address?.Optional("country_code")?.GetString(),
            Region: address?.OptionalAny("province_code", "province")?.GetString(),
            PostalCode: address?.Optional("zip")?.GetString(),
            City: address?.Optional("city")?.GetString(),
            Shipments: shipments);
    }
}
