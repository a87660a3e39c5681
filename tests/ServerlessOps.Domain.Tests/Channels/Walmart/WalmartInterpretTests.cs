using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Walmart;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.Walmart;

public sealed class WalmartInterpretTests
{
    private static readonly WalmartWebhookChannel _channel = new();

    private const string BuyBox = """
        {"source": {"eventType": "BUY_BOX_CHANGED", "eventTime": "2026-11-22T14:12:42.913Z", "eventId": "42c2b910-bd37-11ea-89f1-4f3bd9e0e3af"},
         "payload": {"partnerId": "10001234567",
           "itemInfo": {"itemId": "5521003344", "itemName": "Acme Enamel Mug, 12 oz", "sku": "ACME-MUG-12OZ", "totalNumberOfOffers": 3},
           "offer": {
             "currentOffer": {"sellerName": "Acme", "sellerOfferPrice": 14.99, "sellerShippingSpeed": "STANDARD", "sellerShippingPrice": 0.0},
             "winningOffer": {"sellerName": "Other", "sellerOfferPrice": 13.49, "sellerShippingSpeed": "STANDARD", "sellerShippingPrice": 1.5},
             "priceDifference": 1.5}}}
        """;

    private static DeliveryContent Interpret(byte[] body)
    {
        var envelope = _channel.ReadEnvelope(Requests.Post(body));
        Assert.True(envelope.IsSuccess, envelope.Rejection?.Detail);
        return _channel.Interpret(envelope.Value, Requests.NoHeaders, body, Accounts.Walmart, Accounts.DeliveryKey);
    }

    [Fact]
    public void LocateAccount_AccountQueryParameter_WinsOverThePayload()
    {
        var request = Requests.Post(Samples.Bytes("walmart-po-created.json"), "/api/webhooks/walmart?account=10009999999");
        Assert.Equal("10009999999", _channel.LocateAccount(request).Value);
    }

    [Fact]
    public void LocateAccount_NoQuery_UsesPayloadPartnerId()
    {
        Assert.Equal("10001234567", _channel.LocateAccount(Requests.Post(Samples.Bytes("walmart-inventory-oos.json"))).Value);
    }

    [Fact]
    public void LocateAccount_NeitherQueryNorPartnerId_IsMalformedNamingTheField()
    {
        var body = Samples.Tampered("walmart-po-created.json", "\"partnerId\"", "\"partner\"");
        var result = _channel.LocateAccount(Requests.Post(body));
        Assert.Equal(RejectionKind.Malformed, result.Rejection?.Kind);
        Assert.Contains("payload.partnerId: expected a value, found nothing.", result.Rejection!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEnvelope_PoCreated_GivesEventIdTypeAndTime()
    {
        var envelope = _channel.ReadEnvelope(Requests.Post(Samples.Bytes("walmart-po-created.json")));
        Assert.True(envelope.IsSuccess, envelope.Rejection?.Detail);
        Assert.Equal("6e2c9a14-c6b1-11f0-9d1a-2b5f8e3c7a90", envelope.Value.DeliveryId);
        Assert.Equal("PO_CREATED", envelope.Value.Topic);
        Assert.Null(envelope.Value.EventId);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 5, 33, 512, TimeSpan.Zero), envelope.Value.OccurredAt);
    }

    [Fact]
    public void ReadEnvelope_MissingEventId_IsMalformedNamingIt()
    {
        var body = Samples.Tampered("walmart-po-created.json", "\"eventId\"", "\"id\"");
        var envelope = _channel.ReadEnvelope(Requests.Post(body));
        Assert.Equal(RejectionKind.Malformed, envelope.Rejection?.Kind);
        Assert.Equal("source.eventId: expected a value, found nothing.", envelope.Rejection!.Detail);
    }

    [Fact]
    public void ReadEnvelope_EventTimeNotATime_IsMalformedNamingIt()
    {
        var body = Samples.Tampered("walmart-po-created.json", "\"2026-11-20T19:05:33.512Z\"", "\"last tuesday\"");
        var envelope = _channel.ReadEnvelope(Requests.Post(body));
        Assert.Equal("source.eventTime: expected Unix time in milliseconds or an ISO 8601 time, found \"last tuesday\".", envelope.Rejection?.Detail);
    }

    [Theory]
    [InlineData("""{"payload": {}}""", "source: expected a value, found nothing.")]
    [InlineData("""{"source": [], "payload": {}}""", "source: expected an object, found an array of 0.")]
    [InlineData("""[]""", "$: expected an object, found an array of 0.")]
    [InlineData("""{"source": {"eventType": "PO_CREATED", "eventId": "x"}""", null)]
    public void ReadEnvelope_BadShape_IsMalformed(string json, string? detail)
    {
        var envelope = _channel.ReadEnvelope(Requests.Post(Samples.Utf8(json)));
        Assert.Equal(RejectionKind.Malformed, envelope.Rejection?.Kind);
        if (detail is not null)
        {
            Assert.Equal(detail, envelope.Rejection!.Detail);
        }
    }

    [Theory]
    [InlineData("REPORT_GENERATED")]
    [InlineData("ITEM_SETUP")]
    public void ReadEnvelope_UnsupportedEventType_IsRejectedAsUnsupported(string eventType)
    {
        var body = Samples.Tampered("walmart-po-created.json", "\"PO_CREATED\"", $"\"{eventType}\"");
        var envelope = _channel.ReadEnvelope(Requests.Post(body));
        Assert.Equal(RejectionKind.UnsupportedTopic, envelope.Rejection?.Kind);
        Assert.Contains(eventType, envelope.Rejection!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("walmart-po-created.json")]
    [InlineData("walmart-po-line-autocancelled.json")]
    public void Interpret_OrderEvents_AreSignalsForThePurchaseOrder(string sample)
    {
        Assert.Equal("108812345678901", Assert.IsType<OrderSignal>(Interpret(Samples.Bytes(sample))).ExternalOrderId);
    }

    [Theory]
    [InlineData("PO_CREATED")]
    [InlineData("INTENT_TO_CANCEL")]
    [InlineData("FRAUD_CANCEL")]
    public void Interpret_OrderUpdates_AreSignalsForTheOrderBlock(string subEventType)
    {
        var body = Samples.Utf8($$$"""
            {"source": {"eventType": "ORDER_UPDATES", "eventTime": "2026-11-20T19:05:33.512Z", "eventId": "ou-1"},
             "payload": {"partnerId": "10001234567", "subEventType": "{{{subEventType}}}", "order": {"purchaseOrderId": "108812345678901"} } }
            """);
        Assert.Equal("108812345678901", Assert.IsType<OrderSignal>(Interpret(body)).ExternalOrderId);
    }

    [Fact]
    public void Interpret_OrderEventWithoutPurchaseOrder_ThrowsNamingIt()
    {
        var body = Samples.Tampered("walmart-po-created.json", "\"purchaseOrderId\"", "\"poId\"");
        var ex = Assert.Throws<ChannelPayloadException>(() => Interpret(body));
        Assert.Equal("payload.purchaseOrderId: expected a value, found nothing.", ex.Message);
    }

    [Fact]
    public void Interpret_InventoryOutOfStock_IsALevelPerShipNode()
    {
        var report = Assert.IsType<InventoryReport>(Interpret(Samples.Bytes("walmart-inventory-oos.json")));
        var level = Assert.Single(report.Levels);

        Assert.Equal("test-delivery-key:ACME-MUG-12OZ:79912345678", level.Id);
        Assert.Equal("acme", level.BrandId);
        Assert.Equal(SalesChannel.Walmart, level.Channel);
        Assert.Equal("10001234567", level.ChannelAccountId);
        Assert.Equal("ACME-MUG-12OZ", level.Sku);
        Assert.Equal("5521003344", level.ChannelItemId);
        Assert.Equal("79912345678", level.LocationId);
        Assert.Equal(0, level.Available);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 13, 1, 47, 220, TimeSpan.Zero), level.ObservedAt);
    }

    [Fact]
    public void Interpret_InventoryQuantityWrongType_ThrowsNamingIt()
    {
        var body = Samples.Tampered("walmart-inventory-oos.json", "\"availToSellQty\": 0", "\"availToSellQty\": \"none\"");
        var ex = Assert.Throws<ChannelPayloadException>(() => Interpret(body));
        Assert.Equal("payload.shipNodes[0].availToSellQty: expected an integer, found \"none\".", ex.Message);
    }

    [Fact]
    public void Interpret_BuyBoxChanged_IsTheWinningAndOurOwnOffer()
    {
        var report = Assert.IsType<PriceReport>(Interpret(Samples.Utf8(BuyBox)));
        var observed = new DateTimeOffset(2026, 11, 22, 14, 12, 42, 913, TimeSpan.Zero);

        Assert.Collection(
            report.Changes,
            buyBox =>
            {
                Assert.Equal("test-delivery-key:ACME-MUG-12OZ:BuyBox", buyBox.Id);
                Assert.Equal(PriceKind.BuyBox, buyBox.Kind);
                Assert.Equal("ACME-MUG-12OZ", buyBox.Sku);
                Assert.Equal("5521003344", buyBox.ChannelItemId);
                Assert.Equal(13.49m, buyBox.Price);
                Assert.Equal(1.5m, buyBox.Shipping);
                Assert.Equal("USD", buyBox.Currency);
                Assert.Equal(observed, buyBox.ObservedAt);
            },
            own =>
            {
                Assert.Equal(PriceKind.OwnListing, own.Kind);
                Assert.Equal(14.99m, own.Price);
                Assert.Equal(0m, own.Shipping);
            });
    }

    [Fact]
    public void Interpret_BuyBoxOffersDirectlyUnderPayload_AreAccepted()
    {
        var body = Samples.Utf8("""
            {"source": {"eventType": "BUY_BOX_CHANGED", "eventTime": "2026-11-22T14:12:42.913Z", "eventId": "bb-2"},
             "payload": {"partnerId": "10001234567", "itemInfo": {"itemId": "5521003344", "sku": "ACME-MUG-12OZ"},
               "winningOffer": {"sellerOfferPrice": 13.49}}}
            """);
        var change = Assert.Single(Assert.IsType<PriceReport>(Interpret(body)).Changes);
        Assert.Equal(13.49m, change.Price);
        Assert.Null(change.Shipping);
    }

    [Fact]
    public void Interpret_BuyBoxWithoutOffers_ThrowsNamingTheWinningOffer()
    {
        var body = Samples.Utf8("""
            {"source": {"eventType": "BUY_BOX_CHANGED", "eventTime": "2026-11-22T14:12:42.913Z", "eventId": "bb-3"},
             "payload": {"partnerId": "10001234567", "itemInfo": {"sku": "ACME-MUG-12OZ"}, "offer": {}}}
            """);
        var ex = Assert.Throws<ChannelPayloadException>(() => Interpret(body));
        Assert.Equal("payload.offer.winningOffer: expected a value, found nothing.", ex.Message);
    }

    [Fact]
    public void Interpret_BuyBoxWithoutSkuOrItemId_ThrowsNamingTheSku()
    {
        var body = Samples.Utf8("""
            {"source": {"eventType": "BUY_BOX_CHANGED", "eventTime": "2026-11-22T14:12:42.913Z", "eventId": "bb-4"},
             "payload": {"partnerId": "10001234567", "itemInfo": {"itemName": "Mug"}, "offer": {"winningOffer": {"sellerOfferPrice": 13.49}}}}
            """);
        var ex = Assert.Throws<ChannelPayloadException>(() => Interpret(body));
        Assert.Equal("payload.itemInfo.sku: expected a value, found nothing.", ex.Message);
    }

    [Theory]
    [InlineData("OFFER_PUBLISHED", """{"partnerId": "10001234567", "sku": "ACME-MUG-12OZ", "publishStatus": "PUBLISHED"}""", "Offer ACME-MUG-12OZ published (PUBLISHED)")]
    [InlineData("OFFER_UNPUBLISHED", """{"partnerId": "10001234567", "sku": "ACME-MUG-12OZ"}""", "Offer ACME-MUG-12OZ unpublished")]
    [InlineData("SELLER_PERFORMANCE_NOTIFICATIONS", """{"partnerId": "10001234567", "notificationType": "ALARMS"}""", "Seller performance notification: ALARMS")]
    public void Interpret_ListingAndPerformanceEvents_AreNotices(string eventType, string payload, string summary)
    {
        var body = Samples.Utf8($$$"""{"source": {"eventType": "{{{eventType}}}", "eventTime": "2026-11-22T14:12:42.913Z", "eventId": "n-1"}, "payload": {{{payload}}} }""");
        Assert.Equal(summary, Assert.IsType<ChannelNotice>(Interpret(body)).Summary);
    }
}
