using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.Shopify;

public sealed class ShopifyInterpretTests
{
    private static readonly ShopifyWebhookChannel _channel = new();

    private static DeliveryContent Interpret(string topic, byte[] body) =>
        _channel.Interpret(new DeliveryEnvelope("webhook-1", topic, null, null), Requests.NoHeaders, body, Accounts.Shopify, Accounts.DeliveryKey);

    [Fact]
    public void Interpret_RefundsCreate_IsARefundFactOfTheOrderWithItsLinesAndMoney()
    {
        var report = Assert.IsType<OrderFactReport>(Interpret("refunds/create", Samples.Bytes("shopify-refunds-create.json")));

        Assert.Equal("6120001122334", report.ExternalOrderId);
        Assert.Empty(report.Shipments);
        var refund = Assert.Single(report.Refunds);
        Assert.Equal("9300012345612", refund.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 11, 20, 5, TimeSpan.FromHours(-5)), refund.RefundedAt);
        Assert.Equal(13.83m, refund.Amount);
        Assert.Equal(0.78m, refund.Tax);
        Assert.Equal("Mug arrived chipped", refund.Reason);
        var line = Assert.Single(refund.Lines);
        Assert.Equal(new RefundLine("14790011223302", 1, 13.05m, 0.78m, Returned: false, Cancelled: false), line);
        Assert.Equal(0m, refund.Unallocated);
    }

    [Theory]
    [InlineData("fulfillments/create")]
    [InlineData("fulfillments/update")]
    public void Interpret_Fulfillment_IsAShipmentFactWithTrackingAndLines(string topic)
    {
        var body = Samples.Utf8("""
            {"id": 5600012345601, "order_id": 6120001122334, "status": "success", "shipment_status": "delivered",
             "created_at": "2026-11-21T09:15:40-05:00", "updated_at": "2026-11-23T12:00:00-05:00",
             "tracking_company": "UPS", "tracking_number": null, "tracking_numbers": ["1Z999AA10123456784"],
             "line_items": [{"id": 14790011223301, "sku": "ACME-TEE-BLK-M", "quantity": 2}]}
            """);
        var report = Assert.IsType<OrderFactReport>(Interpret(topic, body));

        Assert.Equal("6120001122334", report.ExternalOrderId);
        Assert.Empty(report.Refunds);
        var shipment = Assert.Single(report.Shipments);
        Assert.Equal("5600012345601", shipment.Id);
        Assert.Equal("UPS", shipment.Carrier);
        Assert.Equal("1Z999AA10123456784", shipment.TrackingNumber);
        Assert.True(shipment.IsShipped);
        Assert.True(shipment.IsDelivered);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.FromHours(-5)), shipment.UpdatedAt);
        Assert.Equal([new ShipmentLine("14790011223301", 2)], shipment.Lines);
    }

    [Fact]
    public void Interpret_FulfillmentWithoutOrderId_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Interpret("fulfillments/create", Samples.Utf8("""{"id": 1, "status": "success"}""")));
        Assert.Equal("order_id: expected a value, found nothing.", ex.Message);
    }

    [Fact]
    public void Interpret_InventoryLevelsUpdate_IsOneLevelKeyedByInventoryItem()
    {
        var report = Assert.IsType<InventoryReport>(Interpret("inventory_levels/update", Samples.Bytes("shopify-inventory-levels-update.json")));
        var level = Assert.Single(report.Levels);

        Assert.Equal("test-delivery-key:item:47001122334455:71234567890", level.Id);
        Assert.Equal("acme", level.BrandId);
        Assert.Equal(SalesChannel.Shopify, level.Channel);
        Assert.Equal("acme-outfitters.myshopify.com", level.ChannelAccountId);
        Assert.Null(level.Sku);
        Assert.Equal("47001122334455", level.ChannelItemId);
        Assert.Equal("71234567890", level.LocationId);
        Assert.Equal(37, level.Available);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 15, 43, TimeSpan.FromHours(-5)), level.ObservedAt);
    }

    [Fact]
    public void Interpret_InventoryLevelsUpdate_SameDeliveryGivesSameIds()
    {
        var body = Samples.Bytes("shopify-inventory-levels-update.json");
        var first = Assert.IsType<InventoryReport>(Interpret("inventory_levels/update", body));
        var second = Assert.IsType<InventoryReport>(Interpret("inventory_levels/update", body));
        Assert.Equal(first.Levels[0].Id, second.Levels[0].Id);
    }

    [Fact]
    public void Interpret_InventoryLevelUntracked_ThrowsNamingAvailable()
    {
        var body = Samples.Utf8("""{"inventory_item_id": 1, "location_id": 2, "available": null, "updated_at": "2026-11-21T09:15:43-05:00"}""");
        var ex = Assert.Throws<ChannelPayloadException>(() => Interpret("inventory_levels/update", body));
        Assert.Equal("available: expected a value, found null.", ex.Message);
    }

    [Fact]
    public void Interpret_ProductsUpdate_IsOwnListingPricePerVariant()
    {
        var body = Samples.Utf8("""
            {"id": 8801122334455, "title": "Acme Classic Tee", "updated_at": "2026-11-22T10:00:00-05:00",
             "variants": [
               {"id": 45001122334455, "sku": "ACME-TEE-BLK-M", "price": "24.00", "compare_at_price": "30.00", "updated_at": "2026-11-22T09:59:00-05:00"},
               {"id": 45001122334456, "sku": "", "price": "26.50"}
             ]}
            """);
        var report = Assert.IsType<PriceReport>(Interpret("products/update", body));

        Assert.Collection(
            report.Changes,
            tee =>
            {
                Assert.Equal("test-delivery-key:ACME-TEE-BLK-M:OwnListing", tee.Id);
                Assert.Equal("ACME-TEE-BLK-M", tee.Sku);
                Assert.Equal("45001122334455", tee.ChannelItemId);
                Assert.Equal(PriceKind.OwnListing, tee.Kind);
                Assert.Equal(24.00m, tee.Price);
                Assert.Null(tee.Shipping);
                Assert.Equal(ShopifyProductMapper.UnknownCurrency, tee.Currency);
                Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 59, 0, TimeSpan.FromHours(-5)), tee.ObservedAt);
            },
            noSku =>
            {
                Assert.Null(noSku.Sku);
                Assert.Equal("test-delivery-key:item:45001122334456:OwnListing", noSku.Id);
                Assert.Equal(26.50m, noSku.Price);
                Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(-5)), noSku.ObservedAt);
            });
    }

    [Fact]
    public void Interpret_ProductWithoutVariants_ThrowsNamingVariants()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Interpret("products/update", Samples.Utf8("""{"id": 1}""")));
        Assert.Equal("variants: expected a value, found nothing.", ex.Message);
    }

    [Fact]
    public void Interpret_OrdersDelete_IsANoticeNamingTheOrder()
    {
        var notice = Assert.IsType<ChannelNotice>(Interpret("orders/delete", Samples.Utf8("""{"id": 6120001122334}""")));
        Assert.Equal("6120001122334", notice.ExternalOrderId);
    }

    [Fact]
    public void Interpret_AppUninstalled_IsANoticeWithoutCustomerData()
    {
        var notice = Assert.IsType<ChannelNotice>(Interpret("app/uninstalled", Samples.Utf8("""{"id": 1, "domain": "acme-outfitters.myshopify.com"}""")));
        Assert.False(string.IsNullOrWhiteSpace(notice.Summary));
        Assert.Null(notice.ExternalOrderId);
    }

    [Theory]
    [InlineData("customers/data_request", """{"shop_id": 1, "customer": {"id": 77, "email": "jordan.lee@example.com"}, "orders_requested": [1, 2]}""", PrivacyRequestKind.CustomerDataRequest)]
    [InlineData("customers/redact", """{"shop_id": 1, "customer": {"id": 77, "email": "jordan.lee@example.com"}, "orders_to_redact": [1]}""", PrivacyRequestKind.CustomerRedact)]
    [InlineData("shop/redact", """{"shop_id": 1, "shop_domain": "acme-outfitters.myshopify.com"}""", PrivacyRequestKind.ShopRedact)]
    public void Interpret_PrivacyTopics_AreRequestsToActOnWhoseTextCarriesNoCustomerData(string topic, string json, PrivacyRequestKind kind)
    {
        var request = Assert.IsType<PrivacyRequestNotice>(Interpret(topic, Samples.Utf8(json)));
        Assert.Equal(kind, request.Kind);
        Assert.Equal(Accounts.Shopify.AccountId, request.AccountId);
        Assert.DoesNotContain("@", request.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_DataRequest_NamesTheCustomerTheOrdersAndTheRequest()
    {
        var request = Assert.IsType<PrivacyRequestNotice>(Interpret(
            "customers/data_request",
            Samples.Utf8("""{"customer": {"id": 77, "email": "a@example.com", "phone": "+1 555 0100"}, "orders_requested": [1, 2, 2], "data_request": {"id": 9999}}""")));
        Assert.Equal("77", request.CustomerId);
        Assert.Equal(["1", "2"], request.ExternalOrderIds);
        Assert.Equal("9999", request.ChannelRequestId);
        Assert.Equal(["a@example.com", "+1 555 0100"], request.KnownPersonalValues);
    }

    [Fact]
    public void Interpret_UnsupportedTopic_Throws()
    {
        Assert.Throws<ChannelPayloadException>(() => Interpret("carts/update", Samples.Utf8("{}")));
    }
}
