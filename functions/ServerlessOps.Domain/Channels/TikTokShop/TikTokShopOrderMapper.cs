using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Domain.Channels.TikTokShop;

/// <summary>
/// An order from Get Order Detail (<c>GET /order/202309/orders</c>, CHANNELS.md 4.5). All money is decimal strings in
/// <c>payment.currency</c>; the version is <c>update_time</c> (Unix seconds). When the document holds the order's returns
/// (<see cref="ChannelOrderDocument.TikTokReturns"/>), those refunded become the order's refunds
/// (<see cref="TikTokShopReturnMapper"/>): a return does not change the order's own status (it stays DELIVERED), so the
/// refund is seen only there.
/// </summary>
public static class TikTokShopOrderMapper
{
    public static Order Map(ChannelOrderDocument document, ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(account);
        var root = JsonCursor.Parse(document.Part(ChannelOrderDocument.TikTokOrderDetail), "Get Order Detail").ExpectObject();
        var code = root.Property("code");
        if (code.GetInt64() != 0)
        {
            throw code.Fail($"expected 0 (success); message {root.Optional("message")?.GetString() ?? "none"}");
        }

        var order = FindOrder(root.Property("data").Property("orders"), document.ExternalOrderId);
        var payment = order.Property("payment");
        var statusField = order.Property("status");
        var state = TikTokShopOrderStatusMapper.Read(statusField);
        var lines = MapLines(order.Property("line_items"), state);
        var refunds = document.OptionalPart(ChannelOrderDocument.TikTokReturns) is { } returns
            ? TikTokShopReturnMapper.Map(returns, document.ExternalOrderId)
            : [];
        var address = order.Optional("recipient_address");
        var districts = address?.Optional("district_info")?.Items() ?? [];
        var trackingNumber = order.Optional("tracking_number")?.GetString();

        return OrderLedger.Settle(new Order
        {
            BrandId = account.BrandId,
            Channel = SalesChannel.TikTokShop,
            ChannelAccountId = account.AccountId,
            ExternalOrderId = order.Property("id").GetId(),

            // Derived by OrderLedger.Settle from the lines, the refunds and the facts.
            Status = OrderStatus.Pending,
            ChannelStatus = statusField.GetString(),
            ChannelFacts = new OrderChannelFacts { Released = state.Released, Delivered = state.Delivered, Cancelled = state.Cancelled },
            Currency = payment.Property("currency").GetNonEmptyString(),
            PricesIncludeTax = PricesIncludeTax(payment),
            Lines = lines,
            Refunds = refunds,
            Shipping = new ShippingInfo(
                Method: order.OptionalAny("delivery_option_name", "shipping_type")?.GetString(),
                Price: payment.Optional("original_shipping_fee")?.GetDecimal() ?? 0m,
                Tax: payment.Optional("shipping_fee_tax")?.GetDecimal() ?? 0m,

                // Seller- and platform-funded shipping discounts, together (who funds which is a settlement question).
                Discount: (payment.Optional("shipping_fee_seller_discount")?.GetDecimal() ?? 0m)
                    + (payment.Optional("shipping_fee_platform_discount")?.GetDecimal() ?? 0m),
                CountryCode: address?.Optional("region_code")?.GetString(),
                Region: District(districts, "State"),
                PostalCode: address?.Optional("postal_code")?.GetString(),
                City: District(districts, "City"),
                Shipments: string.IsNullOrWhiteSpace(trackingNumber)
                    ? []
                    : [new Shipment(order.Optional("shipping_provider")?.GetString(), trackingNumber, order.Optional("rts_time")?.GetEpochSeconds())]),
            Total = payment.Property("total_amount").GetAmount(),
            PlacedAt = order.Property("create_time").GetEpochSeconds(),

            // The ready-to-ship deadline TikTok measures late dispatch by; else the latest shipping time (both Unix s).
            ShipBy = order.OptionalAny("rts_sla_time", "shipping_due_time")?.GetEpochSeconds(),
            Version = new OrderVersion(order.Property("update_time").GetEpochSeconds()),
            CancelReason = order.Optional("cancel_reason")?.GetString() is { Length: > 0 } reason ? reason : null,
        });
    }

    /// <summary>
    /// TikTok states no flag; its payment block's own arithmetic says it: <c>total_amount</c> = <c>sub_total</c> +
    /// <c>shipping_fee</c> + <c>tax</c> (+ <c>retail_delivery_fee</c>) means tax on top (US shops), the same without the tax
    /// means prices include it. Null when neither holds or a term is missing.
    /// </summary>
    private static bool? PricesIncludeTax(JsonCursor payment)
    {
        if (payment.Optional("total_amount")?.GetDecimal() is not { } total
            || payment.Optional("sub_total")?.GetDecimal() is not { } subTotal
            || payment.Optional("tax")?.GetDecimal() is not { } tax)
        {
            return null;
        }

        var beforeTax = subTotal + (payment.Optional("shipping_fee")?.GetDecimal() ?? 0m) + (payment.Optional("retail_delivery_fee")?.GetDecimal() ?? 0m);
        return total == beforeTax + tax ? (tax == 0m ? null : false)
            : total == beforeTax && tax > 0m ? true
            : null;
    }

    /// <summary>
    /// Get Order Detail has no quantity field: in the model read each line item is one unit, so the units of a SKU are
    /// the line items sharing its <c>sku_id</c> (CHANNELS.md 4.5, <b>unconfirmed</b>: check against a real multi-unit
    /// order). Lines keep the order in which each SKU first appears.
    /// </summary>
    private static List<OrderLine> MapLines(JsonCursor lineItems, TikTokOrderState state)
    {
        var items = lineItems.Items();
        if (items.Count == 0)
        {
            throw lineItems.Fail("expected at least one line item");
        }

        var lines = new List<OrderLine>();
        foreach (var group in items.GroupBy(i => i.Property("sku_id").GetId(), StringComparer.Ordinal))
        {
            var units = group.ToList();
            var first = units[0];

            // The order's status is a floor for its units: IN_TRANSIT and later shipped every unit not cancelled, CANCELLED
            // cancelled every unit not shipped, whatever a line's display_status still says.
            var cancelled = units.Count(u => TikTokShopOrderStatusMapper.IsCancelled(u.Optional("display_status")?.GetString()));
            var shipped = units.Count(u => TikTokShopOrderStatusMapper.IsShipped(u.Optional("display_status")?.GetString()));
            if (state.AllShipped)
            {
                shipped = units.Count - cancelled;
            }

            if (state.Cancelled)
            {
                cancelled = units.Count - shipped;
            }

            var sellerSku = first.Optional("seller_sku")?.GetString();
            var productName = first.Optional("product_name")?.GetString();
            var skuName = first.Optional("sku_name")?.GetString();
            var linePrice = units.Sum(u => u.Property("original_price").GetAmount());
            lines.Add(new OrderLine(
                LineId: group.Key,
                Sku: string.IsNullOrWhiteSpace(sellerSku) ? ItemKey.For(null, group.Key) : sellerSku.Trim(),
                Title: string.IsNullOrWhiteSpace(skuName) ? productName : $"{productName}, {skuName}",
                Quantity: units.Count,

                // Units of one SKU normally share a price; if not, the unit price is their mean in cents (the house rounding:
                // midpoint away from zero) and their exact sum is kept as the line price, which the line's money adds up to.
                UnitPrice: PriceGuardrail.Round(linePrice / units.Count),

                // seller_discount and platform_discount are reported apart and funded by different parties (settlement,
                // Finance API), but the buyer's price is net of both: the line's discount is their sum, so LinesNet equals
                // payment.sub_total. The platform-funded share is not a fee and is not recorded as one.
                Discount: units.Sum(u => (u.Optional("seller_discount")?.GetDecimal() ?? 0m) + (u.Optional("platform_discount")?.GetDecimal() ?? 0m)),
                Tax: units.Sum(u => ChannelRecords.Sum(u.Optional("item_tax")?.Items() ?? [], t => t.Property("tax_amount").GetDecimal())),
                QuantityShipped: shipped,
                QuantityCancelled: cancelled)
            {
                LinePrice = linePrice,
            });
        }

        return lines;
    }

    private static JsonCursor FindOrder(JsonCursor orders, string externalOrderId)
    {
        foreach (var order in orders.Items())
        {
            if (string.Equals(order.Property("id").GetId(), externalOrderId, StringComparison.Ordinal))
            {
                return order.ExpectObject();
            }
        }

        throw orders.Fail($"expected an order with id {externalOrderId}");
    }

    // district_info lists the address levels (Country, State, County, City...) by address_level_name.
    private static string? District(IReadOnlyList<JsonCursor> districts, string levelName)
    {
        foreach (var district in districts)
        {
            if (string.Equals(district.Optional("address_level_name")?.GetString(), levelName, StringComparison.OrdinalIgnoreCase))
            {
                return district.Optional("address_name")?.GetString();
            }
        }

        return null;
    }
}
