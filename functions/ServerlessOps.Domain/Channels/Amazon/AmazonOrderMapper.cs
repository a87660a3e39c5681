using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Domain.Channels.Amazon;

/// <summary>
/// An Amazon order read back from the Orders API v0 (CHANNELS.md 2.7): <c>getOrder</c> gives status, dates, total and
/// address; <c>getOrderItems</c> gives the lines. <c>ItemPrice</c> is price × quantity, so the unit price is
/// ItemPrice / QuantityOrdered in cents, and ItemPrice is kept exact as the line price. While an order is Pending Amazon returns no prices, taxes or promotions (CHANNELS.md 5a),
/// and an order cancelled while Pending never gets them: an item without <c>ItemPrice</c> then has every amount unknown
/// (null), never zero, and so do the order total and shipping. A Pending order is <see cref="Order.IsComplete"/> false,
/// to be completed by a later read; a cancelled one is complete as it is (its amounts stay unknown for good).
/// Amazon's Orders API reports no refunds (they live in the Finance API, not read here).
/// </summary>
public static class AmazonOrderMapper
{
    public static Order Map(ChannelOrderDocument document, ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(account);
        var order = Payload(JsonCursor.Parse(document.Part(ChannelOrderDocument.AmazonOrder), "getOrder"));
        var items = Payload(JsonCursor.Parse(document.Part(ChannelOrderDocument.AmazonOrderItems), "getOrderItems"));

        var orderIdField = order.Property("AmazonOrderId");
        var orderId = orderIdField.GetNonEmptyString();
        if (!string.Equals(orderId, document.ExternalOrderId, StringComparison.Ordinal))
        {
            throw orderIdField.Fail($"expected order {document.ExternalOrderId}");
        }

        if (items.Optional("AmazonOrderId") is { } itemsOrderId && !string.Equals(itemsOrderId.GetString(), orderId, StringComparison.Ordinal))
        {
            throw itemsOrderId.Fail($"expected the items of order {orderId}");
        }

        // A NextToken means more items on another page: mapping one page would silently drop lines.
        if (items.Optional("NextToken") is { } nextToken && !string.IsNullOrEmpty(nextToken.GetString()))
        {
            throw nextToken.Fail("expected every page of order items merged into one answer (no NextToken)");
        }

        var statusField = order.Property("OrderStatus");
        var state = AmazonOrderStatusMapper.Read(statusField);
        var channelStatus = statusField.GetString();

        // Amazon withholds prices while it has not released the order, and a cancelled order may never have had them.
        var pricesMayBeWithheld = !state.Released || state.Cancelled;

        var total = order.Optional("OrderTotal");
        var marketplaceId = order.Optional("MarketplaceId")?.GetString();
        var currency = total?.Property("CurrencyCode").GetNonEmptyString()
            ?? FirstItemCurrency(items)
            ?? AmazonMarketplaces.CurrencyOf(marketplaceId);

        var lines = new List<OrderLine>();
        var shippingPrices = new List<decimal?>();
        var shippingTaxes = new List<decimal?>();
        var shippingDiscounts = new List<decimal?>();
        foreach (var item in items.Property("OrderItems").Items())
        {
            var quantity = item.Property("QuantityOrdered").GetCount();
            var itemPrice = Money(item, "ItemPrice", pricesMayBeWithheld);

            // With the item's price in hand, an absent amount is a zero Amazon left out; without it, everything is withheld.
            var priced = itemPrice is not null;
            decimal? Known(string name) => priced ? Money(item, name, optional: true) ?? 0m : null;

            // PromotionDiscountTax / ShippingDiscountTax: the tax the promotion took off; the buyer pays the tax net of it.
            var tax = OrderMoney.Add(Known("ItemTax"), -Known("PromotionDiscountTax"));
            shippingPrices.Add(Known("ShippingPrice"));
            shippingTaxes.Add(OrderMoney.Add(Known("ShippingTax"), -Known("ShippingDiscountTax")));
            shippingDiscounts.Add(Known("ShippingDiscount"));

            var shipped = state.AllShipped ? quantity : Math.Min(quantity, item.Optional("QuantityShipped")?.GetCount() ?? 0);
            lines.Add(new OrderLine(
                LineId: item.Property("OrderItemId").GetNonEmptyString(),
                Sku: item.Property("SellerSKU").GetNonEmptyString(),
                Title: item.Optional("Title")?.GetString(),
                Quantity: quantity,

                // Money rounded as the house rounds it (cents, midpoint away from zero); the total stays exact beside it.
                UnitPrice: itemPrice is not { } price ? null : quantity == 0 ? price : PriceGuardrail.Round(price / quantity),
                Discount: Known("PromotionDiscount"),
                Tax: tax,
                QuantityShipped: shipped,
                QuantityCancelled: state.Cancelled ? quantity - shipped : 0)
            {
                LinePrice = quantity == 0 ? null : itemPrice,
            });
        }

        var address = order.Optional("ShippingAddress");
        return OrderLedger.Settle(new Order
        {
            BrandId = account.BrandId,
            Channel = SalesChannel.Amazon,
            ChannelAccountId = account.AccountId,
            ExternalOrderId = orderId,
            DisplayNumber = null,

            // Derived by OrderLedger.Settle from the lines and the facts.
            Status = OrderStatus.Pending,
            ChannelStatus = channelStatus,
            ChannelFacts = new OrderChannelFacts { Released = state.Released, Cancelled = state.Cancelled },
            Currency = currency,
            PricesIncludeTax = AmazonMarketplaces.PricesIncludeTax(marketplaceId),
            Lines = lines,
            Shipping = new ShippingInfo(
                Method: order.OptionalAny("ShipmentServiceLevelCategory", "ShipServiceLevel")?.GetString(),
                Price: OrderMoney.Sum(shippingPrices),
                Tax: OrderMoney.Sum(shippingTaxes),
                Discount: OrderMoney.Sum(shippingDiscounts),
                CountryCode: address?.Optional("CountryCode")?.GetString(),
                Region: address?.Optional("StateOrRegion")?.GetString(),
                PostalCode: address?.Optional("PostalCode")?.GetString(),
                City: address?.Optional("City")?.GetString(),

                // Tracking is not part of getOrder/getOrderItems.
                Shipments: []),
            Total = total?.Property("Amount").GetAmount(),
            PlacedAt = order.Property("PurchaseDate").GetIsoTime(),
            Version = new OrderVersion(order.Property("LastUpdateDate").GetIsoTime()),

            // The end of Amazon's ship window: the merchant's SLA deadline (absent on FBA orders, which Amazon ships).
            ShipBy = order.Optional("LatestShipDate")?.GetIsoTime(),

            // Only unreleased (Pending, pre-order) answers are incomplete: a later read will carry the prices. A Canceled
            // order that never left Pending will never get prices, so it is complete as it is (otherwise it is re-read forever).
            IsComplete = state.Released,
        });
    }

    // Orders API v0 wraps every answer in "payload"; a body that is already the payload is accepted too.
    private static JsonCursor Payload(JsonCursor root) => (root.ExpectObject().Optional("payload") ?? root).ExpectObject();

    private static decimal? Money(JsonCursor item, string name, bool optional)
    {
        if (item.Optional(name) is not { } money)
        {
            return optional ? null : throw item.Property(name).Fail("expected a money object");
        }

        // Amazon reports every part (price, tax, promotion discounts) as an amount of zero or more.
        return money.Property("Amount").GetAmount();
    }

    private static string? FirstItemCurrency(JsonCursor items)
    {
        foreach (var item in items.Optional("OrderItems")?.Items() ?? [])
        {
            if (item.Optional("ItemPrice")?.Optional("CurrencyCode") is { } code)
            {
                return code.GetNonEmptyString();
            }
        }

        return null;
    }
}
