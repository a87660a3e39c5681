using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Tests.TestSupport;
using ServerlessOps.Testing.Scenarios;
using static ServerlessOps.Domain.Tests.Channels.Shopify.ShopifyTestRequests;

namespace ServerlessOps.Domain.Tests.Channels.Shopify;

public sealed class ShopifyOrderMapperTests
{
    private static readonly ShopifyWebhookChannel _channel = new();
    private static readonly TimeSpan _eastern = TimeSpan.FromHours(-5);

    internal static Order Snapshot(string sample, string topic, DateTimeOffset? triggeredAt = null) =>
        Snapshot(Samples.Bytes(sample), topic, triggeredAt);

    internal static Order Snapshot(byte[] body, string topic, DateTimeOffset? triggeredAt = null)
    {
        var envelope = new DeliveryEnvelope(WebhookId, topic, EventId, triggeredAt ?? DateTimeOffset.Parse(TriggeredAt, System.Globalization.CultureInfo.InvariantCulture));
        var content = _channel.Interpret(envelope, Requests.NoHeaders, body, Accounts.Shopify, Accounts.DeliveryKey);
        return Assert.IsType<OrderSnapshot>(content).Order;
    }

    [Fact]
    public void Interpret_OrdersCreate_MapsIdsCurrencyTotalsAndStatus()
    {
        var order = Snapshot("shopify-orders-create.json", "orders/create");

        Assert.Equal("acme", order.BrandId);
        Assert.Equal(SalesChannel.Shopify, order.Channel);
        Assert.Equal("acme-outfitters.myshopify.com", order.ChannelAccountId);
        Assert.Equal("6120001122334", order.ExternalOrderId);
        Assert.Equal("shopify:6120001122334", order.Id);
        Assert.Equal("#1043", order.DisplayNumber);
        Assert.Equal("USD", order.Currency);
        Assert.Equal(OrderStatus.AwaitingFulfilment, order.Status);
        Assert.Equal("paid/null", order.ChannelStatus);
        Assert.Equal(65.61m, order.Total);
        Assert.Equal(56.25m, order.LinesNet);
        Assert.Equal(3.37m, order.TaxTotal);
        Assert.Equal(0m, order.OrderDiscount);
        Assert.True(order.IsComplete);
        Assert.Null(order.CancelReason);
        Assert.Empty(order.Fees);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 3, 11, _eastern), order.PlacedAt);
        Assert.Equal(new DateOnly(2026, 11, 20), order.PlacedDay);
    }

    [Fact]
    public void Interpret_OrdersCreate_LinesCarryUnitPriceAllocatedDiscountAndTax()
    {
        var order = Snapshot("shopify-orders-create.json", "orders/create");

        Assert.Collection(
            order.Lines,
            tee =>
            {
                Assert.Equal("14790011223301", tee.LineId);
                Assert.Equal("ACME-TEE-BLK-M", tee.Sku);
                Assert.Equal("Acme Classic Tee - Black / M", tee.Title);
                Assert.Equal(2, tee.Quantity);
                Assert.Equal(24.00m, tee.UnitPrice);

                // From discount_allocations, not total_discount (which the sample leaves at "0.00").
                Assert.Equal(4.80m, tee.Discount);
                Assert.Equal(2.59m, tee.Tax);
                Assert.Equal(0, tee.QuantityShipped);
                Assert.Equal(0, tee.QuantityCancelled);
                Assert.Equal(43.20m, tee.NetAmount);
            },
            mug =>
            {
                Assert.Equal("14790011223302", mug.LineId);
                Assert.Equal("ACME-MUG-12OZ", mug.Sku);
                Assert.Equal(1, mug.Quantity);
                Assert.Equal(14.50m, mug.UnitPrice);
                Assert.Equal(1.45m, mug.Discount);
                Assert.Equal(0.78m, mug.Tax);
            });
    }

    [Fact]
    public void Interpret_OrdersCreate_ShippingKeepsOnlyTheCoarseDestination()
    {
        var shipping = Snapshot("shopify-orders-create.json", "orders/create").Shipping;

        Assert.NotNull(shipping);
        Assert.Equal("Standard", shipping.Method);
        Assert.Equal(5.99m, shipping.Price);
        Assert.Equal(0m, shipping.Tax);
        Assert.Equal(0m, shipping.Discount);
        Assert.Equal("US", shipping.CountryCode);
        Assert.Equal("OH", shipping.Region);
        Assert.Equal("43004", shipping.PostalCode);
        Assert.Equal("Columbus", shipping.City);
        Assert.Empty(shipping.Shipments);
        var text = shipping.ToString();
        Assert.DoesNotContain("Jordan", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Example Ave", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_OrdersCreate_VersionIsUpdatedAtWithTriggeredAtTieBreak()
    {
        var order = Snapshot("shopify-orders-create.json", "orders/create");

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 3, 12, _eastern), order.Version.UpdatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 3, 12, 104, TimeSpan.Zero), order.Version.TieBreak);
    }

    [Fact]
    public void Interpret_TriggeredAtOnlyInStoredHeaders_IsStillTheTieBreak()
    {
        var envelope = new DeliveryEnvelope(WebhookId, "orders/create", EventId, OccurredAt: null);
        var headers = Requests.OrdinalHeaders(("x-shopify-triggered-at", "2026-11-20T19:03:12.104Z"));
        var content = _channel.Interpret(envelope, headers, Samples.Bytes("shopify-orders-create.json"), Accounts.Shopify, Accounts.DeliveryKey);

        var order = Assert.IsType<OrderSnapshot>(content).Order;
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 3, 12, 104, TimeSpan.Zero), order.Version.TieBreak);
    }

    [Fact]
    public void Interpret_OrdersUpdatedPartiallyFulfilled_MapsShipmentAndShippedUnits()
    {
        var order = Snapshot("shopify-orders-updated.json", "orders/updated");

        Assert.Equal(OrderStatus.PartiallyFulfilled, order.Status);
        Assert.Equal("paid/partial", order.ChannelStatus);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 15, 42, _eastern), order.Version.UpdatedAt);
        Assert.Equal(2, order.Lines[0].QuantityShipped);
        Assert.Equal(0, order.Lines[1].QuantityShipped);
        var shipment = Assert.Single(order.Shipping!.Shipments);
        Assert.Equal("5600012345601", shipment.Id);
        Assert.Equal("UPS", shipment.Carrier);
        Assert.Equal("1Z999AA10123456784", shipment.TrackingNumber);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 15, 40, _eastern), shipment.ShippedAt);
        Assert.Equal([new ShipmentLine("14790011223301", 2)], shipment.Lines);
    }

    [Fact]
    public void Interpret_OrdersCancelled_IsCancelledWithReasonAndCancelledUnits()
    {
        var order = Snapshot("shopify-orders-cancelled.json", "orders/cancelled");

        Assert.Equal("6120001122345", order.ExternalOrderId);
        Assert.Equal("#1044", order.DisplayNumber);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal("refunded/null/cancelled", order.ChannelStatus);
        Assert.Equal("customer", order.CancelReason);
        Assert.Equal(21.36m, order.Total);
        var mug = Assert.Single(order.Lines);
        Assert.Equal("ACME-MUG-12OZ", mug.Sku);
        Assert.Equal(14.50m, mug.UnitPrice);
        Assert.Equal(0.87m, mug.Tax);
        Assert.Equal(0m, mug.Discount);
        Assert.Equal(1, mug.QuantityCancelled);

        // The cancellation's refund is kept: the mug, its tax and the shipping went back.
        var refund = Assert.Single(order.Refunds);
        Assert.Equal("9300012345601", refund.Id);
        Assert.Equal(21.36m, refund.Amount);
        Assert.True(Assert.Single(refund.Lines).Cancelled);
        Assert.Equal(5.99m, refund.Unallocated);
        Assert.Equal(15.37m, mug.RefundedAmount);
        Assert.Equal(21.36m, order.RefundedAmount);
    }

    [Fact]
    public void Interpret_OneOfTwoUnitsCancelledWithARefund_IsPartiallyCancelled()
    {
        var order = Snapshot(PartialCancel(), "orders/updated");

        Assert.Equal(OrderStatus.PartiallyCancelled, order.Status);
        var tee = order.Lines[0];
        Assert.Equal(1, tee.QuantityCancelled);
        Assert.Equal(1, tee.QuantityRefunded);
        Assert.Equal(1, tee.QuantityOpen);
        Assert.Equal(22.29m, tee.RefundedAmount);
    }

    [Fact]
    public void Interpret_RefundOfADeliveredUnit_IsPartiallyRefundedAndReturned()
    {
        var node = ChannelSamples.Load("shopify-orders-updated.json");
        node["financial_status"] = "partially_refunded";
        node["fulfillments"]![0]!["shipment_status"] = "delivered";
        node["line_items"]![0]!["current_quantity"] = 1;
        node["refunds"] = new JsonArray(Refund("9300012345700", "14790011223301", 1, "return", 19.20m, 1.30m));
        var order = Snapshot(Samples.Utf8(ChannelSamples.Write(node)), "orders/updated");

        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        var tee = order.Lines[0];
        Assert.Equal(0, tee.QuantityCancelled);
        Assert.Equal(2, tee.QuantityShipped);
        Assert.Equal(1, tee.QuantityReturned);
        Assert.Equal(1, tee.QuantityRefunded);
        Assert.Equal(20.50m, tee.RefundedAmount);
    }

    [Fact]
    public void Interpret_EveryFulfilmentDelivered_IsDelivered()
    {
        var node = ChannelSamples.Load("shopify-orders-updated.json");
        node["fulfillment_status"] = "fulfilled";
        var fulfilment = node["fulfillments"]![0]!;
        fulfilment["shipment_status"] = "delivered";
        fulfilment["line_items"]!.AsArray().Add(new JsonObject { ["id"] = 14790011223302, ["sku"] = "ACME-MUG-12OZ", ["quantity"] = 1 });
        var order = Snapshot(Samples.Utf8(ChannelSamples.Write(node)), "orders/updated");

        Assert.Equal(OrderStatus.Delivered, order.Status);
        Assert.True(order.ChannelFacts.Delivered);
    }

    [Fact]
    public void Interpret_TaxesIncluded_IsTheOrdersFlag()
    {
        Assert.False(Snapshot("shopify-orders-create.json", "orders/create").PricesIncludeTax);
        var node = ChannelSamples.Load("shopify-orders-create.json");
        node["taxes_included"] = true;
        Assert.True(Snapshot(Samples.Utf8(ChannelSamples.Write(node)), "orders/create").PricesIncludeTax);
    }

    internal static byte[] PartialCancel()
    {
        var node = ChannelSamples.Load("shopify-orders-create.json");
        node["updated_at"] = "2026-11-20T15:00:00-05:00";
        node["financial_status"] = "partially_refunded";
        node["line_items"]![0]!["current_quantity"] = 1;
        node["refunds"] = new JsonArray(Refund("9300012345650", "14790011223301", 1, "cancel", 21.00m, 1.29m));
        return Samples.Utf8(ChannelSamples.Write(node));
    }

    private static JsonObject Refund(string id, string lineItemId, int quantity, string restock, decimal subtotal, decimal tax) => new()
    {
        ["id"] = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture),
        ["order_id"] = 6120001122334,
        ["created_at"] = "2026-11-20T15:00:00-05:00",
        ["note"] = "Partial refund",
        ["refund_line_items"] = new JsonArray(new JsonObject
        {
            ["line_item_id"] = long.Parse(lineItemId, System.Globalization.CultureInfo.InvariantCulture),
            ["quantity"] = quantity,
            ["restock_type"] = restock,
            ["subtotal"] = subtotal,
            ["total_tax"] = tax,
        }),
        ["transactions"] = new JsonArray(new JsonObject { ["kind"] = "refund", ["status"] = "success", ["amount"] = ChannelSamples.Decimal2(subtotal + tax) }),
    };

    [Fact]
    public void Interpret_UpdatedAfterCreate_ConvergesOnTheUpdate()
    {
        var created = Snapshot("shopify-orders-create.json", "orders/create");
        var updated = Snapshot("shopify-orders-updated.json", "orders/updated");

        Assert.Equal(ConvergenceDecision.Replace, OrderConvergence.Decide(created, updated));
        Assert.Equal(ConvergenceDecision.KeepStored, OrderConvergence.Decide(updated, created));
    }

    [Theory]
    [InlineData("\"price\": \"24.00\"", "\"price\": true", "line_items[0].price: expected a decimal (number or decimal string), found true.")]
    [InlineData("\"quantity\": 2,", "\"quantity\": \"two\",", "line_items[0].quantity: expected an integer, found \"two\".")]
    [InlineData("\"updated_at\": \"2026-11-20T14:03:12-05:00\"", "\"updated_at\": \"20/11/2026\"", "updated_at: expected an ISO 8601 time, found \"20/11/2026\".")]
    [InlineData("\"updated_at\": \"2026-11-20T14:03:12-05:00\"", "\"updated\": 1", "updated_at: expected a value, found nothing.")]
    [InlineData("\"currency\": \"USD\"", "\"currency\": null", "currency: expected a value, found null.")]
    [InlineData("\"line_items\": [", "\"line_items\": {}, \"x\": [", "line_items: expected an array, found an object.")]
    [InlineData("\"amount\": \"4.80\",\n          \"amount_set\"", "\"amount\": \"4,80\",\n          \"amount_set\"", "line_items[0].discount_allocations[0].amount: expected a decimal (number or decimal string), found \"4,80\".")]
    public void Interpret_BadField_ThrowsNamingThePathExpectedAndFound(string find, string replace, string message)
    {
        var body = Samples.Tampered("shopify-orders-create.json", find, replace);
        var envelope = new DeliveryEnvelope(WebhookId, "orders/create", EventId, null);

        var ex = Assert.Throws<ChannelPayloadException>(() => _channel.Interpret(envelope, Requests.NoHeaders, body, Accounts.Shopify, Accounts.DeliveryKey));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Interpret_MalformedJson_ThrowsSayingSo()
    {
        var envelope = new DeliveryEnvelope(WebhookId, "orders/create", EventId, null);
        var ex = Assert.Throws<ChannelPayloadException>(
            () => _channel.Interpret(envelope, Requests.NoHeaders, Samples.Utf8("{\"id\": 1"), Accounts.Shopify, Accounts.DeliveryKey));
        Assert.StartsWith("body: expected JSON, found malformed JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_LineWithoutSku_KeysOnTheVariant()
    {
        var body = Samples.Tampered("shopify-orders-create.json", "\"sku\": \"ACME-TEE-BLK-M\"", "\"sku\": \"\"");
        var envelope = new DeliveryEnvelope(WebhookId, "orders/create", EventId, null);
        var order = Assert.IsType<OrderSnapshot>(_channel.Interpret(envelope, Requests.NoHeaders, body, Accounts.Shopify, Accounts.DeliveryKey)).Order;
        Assert.Equal("item:45001122334455", order.Lines[0].Sku);
    }
}
