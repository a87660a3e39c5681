using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Channels.Amazon;

/// <summary>
/// An Amazon order read back from the Orders API v0 (CHANNELS.md 2.7): <c>getOrder</c> gives status, dates, total and
/// address; <c>getOrderItems</c> gives the lines. <c>ItemPrice</c> is price × quantity, so the unit price is
/// ItemPrice / QuantityOrdered. While an order is Pending Amazon returns no prices, taxes or promotions (CHANNELS.md 5a):
/// such an order is mapped with zero amounts and <see cref="Order.IsComplete"/> false, to be completed by a later read.
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
        var status = AmazonOrderStatusMapper.Map(statusField);
        var channelStatus = statusField.GetString();
        var pricesWithheld = AmazonOrderStatusMapper.WithholdsPrices(status, channelStatus);

        var total = order.Optional("OrderTotal");
        var currency = total?.Property("CurrencyCode").GetNonEmptyString()
            ?? FirstItemCurrency(items)
            ?? AmazonMarketplaces.CurrencyOf(order.Optional("MarketplaceId")?.GetString());

        var lines = new List<OrderLine>();
        decimal shippingPrice = 0m, shippingTax = 0m, shippingDiscount = 0m;
        foreach (var item in items.Property("OrderItems").Items())
        {
            var quantity = item.Property("QuantityOrdered").GetCount();
            var itemPrice = Money(item, "ItemPrice", pricesWithheld);

            // PromotionDiscountTax / ShippingDiscountTax: the tax the promotion took off; the buyer pays the tax net of it.
            var tax = (Money(item, "ItemTax", true) ?? 0m) - (Money(item, "PromotionDiscountTax", true) ?? 0m);
            shippingPrice += Money(item, "ShippingPrice", true) ?? 0m;
            shippingTax += (Money(item, "ShippingTax", true) ?? 0m) - (Money(item, "ShippingDiscountTax", true) ?? 0m);
            shippingDiscount += Money(item, "ShippingDiscount", true) ?? 0m;

            var sku = item.Property("SellerSKU").GetNonEmptyString();
            lines.Add(new OrderLine(
                LineId: item.Property("OrderItemId").GetNonEmptyString(),
                Sku: sku,
                Title: item.Optional("Title")?.GetString(),
                Quantity: quantity,

                // Exact decimal division; a price that does not divide evenly keeps full precision, so
                // Quantity × UnitPrice rounds back to ItemPrice at any money precision.
                UnitPrice: quantity == 0 ? itemPrice ?? 0m : (itemPrice ?? 0m) / quantity,
                Discount: Money(item, "PromotionDiscount", true) ?? 0m,
                Tax: tax,
                QuantityShipped: item.Optional("QuantityShipped")?.GetCount() ?? 0));
        }

        var address = order.Optional("ShippingAddress");
        return new Order
        {
            BrandId = account.BrandId,
            Channel = SalesChannel.Amazon,
            ChannelAccountId = account.AccountId,
            ExternalOrderId = orderId,
            DisplayNumber = null,
            Status = status,
            ChannelStatus = channelStatus,
            Currency = currency,
            Lines = lines,
            Shipping = new ShippingInfo(
                Method: order.OptionalAny("ShipmentServiceLevelCategory", "ShipServiceLevel")?.GetString(),
                Price: shippingPrice,
                Tax: shippingTax,
                Discount: shippingDiscount,
                CountryCode: address?.Optional("CountryCode")?.GetString(),
                Region: address?.Optional("StateOrRegion")?.GetString(),
                PostalCode: address?.Optional("PostalCode")?.GetString(),
                City: address?.Optional("City")?.GetString(),

                // Tracking is not part of getOrder/getOrderItems.
                Shipments: []),
            Total = total?.Property("Amount").GetDecimal() ?? 0m,
            PlacedAt = order.Property("PurchaseDate").GetIsoTime(),
            Version = new OrderVersion(order.Property("LastUpdateDate").GetIsoTime()),

            // Only Pending (and pre-order) answers are incomplete: a later read will carry the prices. A Canceled order
            // that never left Pending will never get prices, so it is complete as it is (otherwise it is re-read forever).
            IsComplete = status != OrderStatus.Pending,
        };
    }

    // Orders API v0 wraps every answer in "payload"; a body that is already the payload is accepted too.
    private static JsonCursor Payload(JsonCursor root) => (root.ExpectObject().Optional("payload") ?? root).ExpectObject();

    private static decimal? Money(JsonCursor item, string name, bool optional)
    {
        if (item.Optional(name) is not { } money)
        {
            return optional ? null : throw item.Property(name).Fail("expected a money object");
        }

        return money.Property("Amount").GetDecimal();
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
