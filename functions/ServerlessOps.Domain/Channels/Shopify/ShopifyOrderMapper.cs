using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.Shopify;

/// <summary>
/// The Shopify Order resource (an orders/* webhook body) as a canonical <see cref="Order"/> (CHANNELS.md 1.6).
/// Amounts are shop money (<c>price</c>, not <c>price_set.presentment_money</c>) in the order's <c>currency</c>.
/// </summary>
public static class ShopifyOrderMapper
{
    public static Order Map(JsonCursor order, ChannelAccount account, DateTimeOffset? triggeredAt)
    {
        ArgumentNullException.ThrowIfNull(account);
        order.ExpectObject();
        var financial = ShopifyOrderStatusMapper.OptionalText(order, "financial_status");
        var fulfilment = ShopifyOrderStatusMapper.OptionalText(order, "fulfillment_status");
        var cancelled = order.Optional("cancelled_at")?.GetIsoTime() is not null;

        var fulfillments = order.Optional("fulfillments")?.Items() ?? [];
        var shippedByLine = ShippedQuantities(fulfillments);
        var lines = order.Property("line_items").Items().Select(line => MapLine(line, shippedByLine)).ToList();
        var shipments = MapShipments(fulfillments);
        var shipping = MapShipping(order, shipments.Shipments);

        var lineDiscounts = lines.Sum(l => l.Discount);
        var totalDiscounts = order.Optional("total_discounts")?.GetDecimal() ?? lineDiscounts + (shipping?.Discount ?? 0m);

        return new Order
        {
            BrandId = account.BrandId,
            Channel = SalesChannel.Shopify,
            ChannelAccountId = account.AccountId,
            ExternalOrderId = order.Property("id").GetId(),
            DisplayNumber = order.Optional("name")?.GetString(),
            Status = ShopifyOrderStatusMapper.Map(financial, fulfilment, cancelled, shipments.AllDelivered),
            ChannelStatus = ShopifyOrderStatusMapper.Describe(financial, fulfilment, cancelled),
            Currency = order.Property("currency").GetNonEmptyString(),
            Lines = lines,
            Shipping = shipping,

            // total_discounts covers line and shipping allocations; what is left is an order-level discount.
            OrderDiscount = Math.Max(0m, totalDiscounts - lineDiscounts - (shipping?.Discount ?? 0m)),

            // total_price is what was charged at checkout and matches the lines as placed; current_total_price
            // moves with edits and refunds, which the status and refund notices carry instead.
            Total = order.Property("total_price").GetDecimal(),
            PlacedAt = order.Property("created_at").GetIsoTime(),
            Version = new OrderVersion(order.Property("updated_at").GetIsoTime(), triggeredAt),
            CancelReason = cancelled ? order.Optional("cancel_reason")?.GetString() : null,
        };
    }

    private static OrderLine MapLine(JsonCursor line, IReadOnlyDictionary<string, int> shippedByLine)
    {
        var lineId = line.Property("id").GetId();
        var quantity = line.Property("quantity").GetCount();

        // current_quantity drops when units are removed by an edit or a cancel-refund: those units are cancelled.
        var current = line.Optional("current_quantity")?.GetCount() ?? quantity;
        var sku = line.Optional("sku")?.GetString();
        var variantId = line.Optional("variant_id")?.GetId();

        return new OrderLine(
            LineId: lineId,

            // Shopify allows variants without a SKU; fall back to the variant (or line) id so the line still has a key.
            Sku: string.IsNullOrWhiteSpace(sku) ? ItemKey.For(null, variantId ?? lineId) : sku.Trim(),
            Title: line.Optional("name")?.GetString() ?? line.Optional("title")?.GetString(),
            Quantity: quantity,
            UnitPrice: line.Property("price").GetDecimal(),

            // Not total_discount: Shopify's own fixture shows "0.00" there next to a non-zero allocation (CHANNELS.md 1.6).
            Discount: ChannelRecords.Sum(line.Optional("discount_allocations")?.Items() ?? [], a => a.Property("amount").GetDecimal()),
            Tax: ChannelRecords.Sum(line.Optional("tax_lines")?.Items() ?? [], t => t.Property("price").GetDecimal()),
            QuantityShipped: Math.Min(quantity, shippedByLine.GetValueOrDefault(lineId)),
            QuantityCancelled: Math.Max(0, quantity - current));
    }

    private static ShippingInfo? MapShipping(JsonCursor order, IReadOnlyList<Shipment> shipments)
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

    private static (IReadOnlyList<Shipment> Shipments, bool AllDelivered) MapShipments(IReadOnlyList<JsonCursor> fulfillments)
    {
        var shipments = new List<Shipment>();
        var allDelivered = true;
        foreach (var fulfillment in Shipped(fulfillments))
        {
            var trackingNumber = fulfillment.Optional("tracking_number")?.GetString()
                ?? fulfillment.Optional("tracking_numbers")?.Items().Select(n => n.GetString()).FirstOrDefault();
            shipments.Add(new Shipment(
                fulfillment.Optional("tracking_company")?.GetString(),
                trackingNumber,
                fulfillment.Optional("created_at")?.GetIsoTime()));
            allDelivered &= string.Equals(fulfillment.Optional("shipment_status")?.GetString(), "delivered", StringComparison.OrdinalIgnoreCase);
        }

        return (shipments, shipments.Count > 0 && allDelivered);
    }

    private static Dictionary<string, int> ShippedQuantities(IReadOnlyList<JsonCursor> fulfillments)
    {
        var shipped = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var fulfillment in Shipped(fulfillments))
        {
            foreach (var item in fulfillment.Optional("line_items")?.Items() ?? [])
            {
                var id = item.Property("id").GetId();
                shipped[id] = shipped.GetValueOrDefault(id) + item.Property("quantity").GetCount();
            }
        }

        return shipped;
    }

    // A fulfillment counts as shipped only when it succeeded; pending, open, cancelled, error and failure ones did not ship.
    private static IEnumerable<JsonCursor> Shipped(IReadOnlyList<JsonCursor> fulfillments) =>
        fulfillments.Where(f => string.Equals(f.Optional("status")?.GetString(), "success", StringComparison.OrdinalIgnoreCase));
}
