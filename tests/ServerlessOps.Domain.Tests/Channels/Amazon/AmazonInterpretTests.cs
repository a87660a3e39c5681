using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Amazon;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.Amazon;

public sealed class AmazonInterpretTests
{
    private static readonly AmazonWebhookChannel _channel = new();

    private static DeliveryContent Interpret(byte[] body)
    {
        var envelope = _channel.ReadEnvelope(Requests.Post(body));
        Assert.True(envelope.IsSuccess, envelope.Rejection?.Detail);
        return _channel.Interpret(envelope.Value, Requests.NoHeaders, body, Accounts.Amazon, Accounts.DeliveryKey);
    }

    [Theory]
    [InlineData("amazon-pipe-order-change.json")]
    [InlineData("amazon-notification-order-change.json")]
    public void Interpret_OrderChange_IsASignalForTheAmazonOrderId(string sample)
    {
        var signal = Assert.IsType<OrderSignal>(Interpret(Samples.Bytes(sample)));
        Assert.Equal("114-3941689-8772232", signal.ExternalOrderId);
    }

    [Fact]
    public void Interpret_OrderChangeInOneElementArray_IsASignal()
    {
        var body = (byte[])[.. "["u8, .. Samples.Bytes("amazon-pipe-order-change.json"), .. "]"u8];
        Assert.Equal("114-3941689-8772232", Assert.IsType<OrderSignal>(Interpret(body)).ExternalOrderId);
    }

    [Fact]
    public void Interpret_OrderChangeWithoutOrderId_ThrowsNamingThePath()
    {
        var body = Samples.Tampered("amazon-pipe-order-change.json", "\"AmazonOrderId\": \"114-3941689-8772232\"", "\"AmazonOrderId\": 7");
        var ex = Assert.Throws<ChannelPayloadException>(() => Interpret(body));
        Assert.Equal("notification.Payload.OrderChangeNotification.AmazonOrderId: expected a string, found 7.", ex.Message);
    }

    [Fact]
    public void Interpret_FbaInventory_IsTheFulfillableQuantityPerMarketplace()
    {
        var report = Assert.IsType<InventoryReport>(Interpret(Samples.Bytes("amazon-notification-fba-inventory.json")));
        var level = Assert.Single(report.Levels);

        Assert.Equal("test-delivery-key:ACME-TEE-BLK-M:FBA:ATVPDKIKX0DER", level.Id);
        Assert.Equal("acme", level.BrandId);
        Assert.Equal(SalesChannel.Amazon, level.Channel);
        Assert.Equal("A2EXAMPLESELLR1", level.ChannelAccountId);
        Assert.Equal("ACME-TEE-BLK-M", level.Sku);
        Assert.Equal("B0EXAMPL01", level.ChannelItemId);
        Assert.Equal("FBA:ATVPDKIKX0DER", level.LocationId);
        Assert.Equal(58, level.Available);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 3, 12, 8, 441, TimeSpan.Zero), level.ObservedAt);
    }

    [Fact]
    public void Interpret_FbaInventoryFulfillableNegative_ThrowsNamingThePath()
    {
        var body = Samples.Tampered("amazon-notification-fba-inventory.json", "\"Fulfillable\": 58", "\"Fulfillable\": -1");
        var ex = Assert.Throws<ChannelPayloadException>(() => Interpret(body));
        Assert.Equal("Payload.FulfillmentInventoryByMarketplace[0].FulfillmentInventory.Fulfillable: expected a non-negative integer, found -1.", ex.Message);
    }

    [Fact]
    public void Interpret_MfnQuantityChange_IsTheSellerFulfilledQuantity()
    {
        var report = Assert.IsType<InventoryReport>(Interpret(Samples.Bytes("amazon-eventbridge-listings-mfn-quantity.json")));
        var level = Assert.Single(report.Levels);

        Assert.Equal("test-delivery-key:ACME-MUG-12OZ:DEFAULT", level.Id);
        Assert.Equal("ACME-MUG-12OZ", level.Sku);
        Assert.Null(level.ChannelItemId);
        Assert.Equal("DEFAULT", level.LocationId);
        Assert.Equal(41, level.Available);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 16, 4, 220, TimeSpan.Zero), level.ObservedAt);
    }

    [Fact]
    public void Interpret_MfnQuantityAsString_ThrowsNamingTheField()
    {
        var body = Samples.Tampered("amazon-eventbridge-listings-mfn-quantity.json", "\"Quantity\": 41", "\"Quantity\": true");
        var ex = Assert.Throws<ChannelPayloadException>(() => Interpret(body));
        Assert.Equal("detail.Payload.Quantity: expected an integer, found true.", ex.Message);
    }

    [Fact]
    public void Interpret_AnyOfferChanged_IsBuyBoxAndLowestOffer()
    {
        var report = Assert.IsType<PriceReport>(Interpret(Samples.Bytes("amazon-notification-any-offer-changed.json")));
        var observed = new DateTimeOffset(2026, 11, 21, 15, 43, 58, TimeSpan.Zero);

        Assert.Collection(
            report.Changes,
            buyBox =>
            {
                Assert.Equal("test-delivery-key:item:B0EXAMPL01:BuyBox", buyBox.Id);
                Assert.Equal(PriceKind.BuyBox, buyBox.Kind);
                Assert.Null(buyBox.Sku);
                Assert.Equal("B0EXAMPL01", buyBox.ChannelItemId);
                Assert.Equal(23.99m, buyBox.Price);
                Assert.Equal(4.0m, buyBox.Shipping);
                Assert.Equal("USD", buyBox.Currency);
                Assert.Equal(observed, buyBox.ObservedAt);
            },
            lowest =>
            {
                Assert.Equal("test-delivery-key:item:B0EXAMPL01:LowestOffer", lowest.Id);
                Assert.Equal(PriceKind.LowestOffer, lowest.Kind);
                Assert.Equal(22.99m, lowest.Price);
                Assert.Equal(3.5m, lowest.Shipping);
                Assert.Equal(observed, lowest.ObservedAt);
            });
    }

    [Fact]
    public void Interpret_AnyOfferChangedLowestAcrossChannels_PicksTheLowestLandedPrice()
    {
        var body = Samples.Utf8("""
            {"NotificationType": "ANY_OFFER_CHANGED", "EventTime": "2026-11-21T15:44:02Z",
             "Payload": {"AnyOfferChangedNotification": {"SellerId": "A2EXAMPLESELLR1",
               "OfferChangeTrigger": {"ASIN": "B0EXAMPL01", "ItemCondition": "New", "TimeOfOfferChange": "2026-11-21T15:43:58Z"},
               "Summary": {
                 "LowestPrices": [
                   {"Condition": "new", "FulfillmentChannel": "Merchant", "LandedPrice": {"Amount": 26.49, "CurrencyCode": "USD"}, "ListingPrice": {"Amount": 22.99, "CurrencyCode": "USD"}, "Shipping": {"Amount": 3.5, "CurrencyCode": "USD"}},
                   {"Condition": "new", "FulfillmentChannel": "Amazon", "LandedPrice": {"Amount": 25.00, "CurrencyCode": "USD"}, "ListingPrice": {"Amount": 25.00, "CurrencyCode": "USD"}, "Shipping": {"Amount": 0, "CurrencyCode": "USD"}},
                   {"Condition": "used", "FulfillmentChannel": "Merchant", "LandedPrice": {"Amount": 9.00, "CurrencyCode": "USD"}, "ListingPrice": {"Amount": 9.00, "CurrencyCode": "USD"}}
                 ],
                 "BuyBoxPrices": []}}},
             "NotificationMetadata": {"NotificationId": "n-3"}}
            """);
        var report = Assert.IsType<PriceReport>(Interpret(body));
        var lowest = Assert.Single(report.Changes);
        Assert.Equal(PriceKind.LowestOffer, lowest.Kind);
        Assert.Equal(25.00m, lowest.Price);
        Assert.Equal(0m, lowest.Shipping);
    }

    [Fact]
    public void Interpret_PricingHealthCamelCase_IsANotice()
    {
        var body = Samples.Utf8("""
            {"notificationType": "PRICING_HEALTH", "eventTime": "2026-11-21T12:00:00Z",
             "payload": {"issueType": "BuyBoxIneligible", "merchantOffer": {"sellerId": "A2EXAMPLESELLR1", "asin": "B0EXAMPL01", "sku": "ACME-TEE-BLK-M"}},
             "notificationMetadata": {"notificationId": "ph-1"}}
            """);
        var notice = Assert.IsType<ChannelNotice>(Interpret(body));
        Assert.Equal("Pricing health: BuyBoxIneligible for B0EXAMPL01 (SKU ACME-TEE-BLK-M)", notice.Summary);
    }

    [Fact]
    public void Interpret_FeedProcessingFinishedCamelCase_IsANotice()
    {
        var body = Samples.Utf8("""
            {"notificationType": "FEED_PROCESSING_FINISHED", "eventTime": "2026-11-21T12:00:00Z",
             "payload": {"feedProcessingFinishedNotification": {"sellerId": "A2EXAMPLESELLR1", "feedId": "50012", "feedType": "JSON_LISTINGS_FEED", "processingStatus": "DONE"}},
             "notificationMetadata": {"notificationId": "fp-1"}}
            """);
        var notice = Assert.IsType<ChannelNotice>(Interpret(body));
        Assert.Equal("Feed 50012 (JSON_LISTINGS_FEED): DONE", notice.Summary);
    }

    [Fact]
    public void Interpret_ReportProcessingFinished_IsANotice()
    {
        var body = Samples.Utf8("""
            {"notificationType": "REPORT_PROCESSING_FINISHED", "payload": {"reportProcessingFinishedNotification": {"sellerId": "A2EXAMPLESELLR1", "reportId": "r-9", "reportType": "GET_MERCHANT_LISTINGS_ALL_DATA", "processingStatus": "DONE"}},
             "notificationMetadata": {"notificationId": "rp-1"}}
            """);
        Assert.Equal("Report r-9 (GET_MERCHANT_LISTINGS_ALL_DATA): DONE", Assert.IsType<ChannelNotice>(Interpret(body)).Summary);
    }

    [Fact]
    public void Interpret_FulfillmentOrderStatus_IsANotice()
    {
        var body = Samples.Utf8("""
            {"NotificationType": "FULFILLMENT_ORDER_STATUS", "Payload": {"FulfillmentOrderStatusNotification": {"SellerId": "A2EXAMPLESELLR1", "SellerFulfillmentOrderId": "MCF-1043", "FulfillmentOrderStatus": "Complete"}},
             "NotificationMetadata": {"NotificationId": "fo-1"}}
            """);
        Assert.Equal("Multi-channel fulfilment order MCF-1043: Complete", Assert.IsType<ChannelNotice>(Interpret(body)).Summary);
    }
}
