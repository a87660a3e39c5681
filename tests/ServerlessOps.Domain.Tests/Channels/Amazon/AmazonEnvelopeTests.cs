using System.Text;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Amazon;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.Amazon;

public sealed class AmazonEnvelopeTests
{
    private static readonly AmazonWebhookChannel _channel = new();

    private static byte[] AsArray(byte[] body) => [.. "["u8, .. body, .. "]"u8];

    private static WebhookRequest Request(byte[] body, string path = "/api/webhooks/amazon") => Requests.Post(body, path);

    [Theory]
    [InlineData("amazon-eventbridge-listings-mfn-quantity.json")]
    [InlineData("amazon-pipe-order-change.json")]
    [InlineData("amazon-notification-order-change.json")]
    [InlineData("amazon-notification-fba-inventory.json")]
    [InlineData("amazon-notification-any-offer-changed.json")]
    public void LocateAccount_EverySample_FindsTheSellerId(string sample)
    {
        var result = _channel.LocateAccount(Request(Samples.Bytes(sample)));
        Assert.True(result.IsSuccess, result.Rejection?.Detail);
        Assert.Equal("A2EXAMPLESELLR1", result.Value);
    }

    [Fact]
    public void LocateAccount_OneElementArray_FindsTheSellerId()
    {
        Assert.Equal("A2EXAMPLESELLR1", _channel.LocateAccount(Request(AsArray(Samples.Bytes("amazon-pipe-order-change.json")))).Value);
    }

    [Fact]
    public void LocateAccount_PayloadWithoutSeller_FallsBackToTheAccountQueryParameter()
    {
        var body = Samples.Utf8("""{"notificationType": "FEED_PROCESSING_FINISHED", "payload": {"feedProcessingFinishedNotification": {"feedId": "1"}}, "notificationMetadata": {"notificationId": "n-1"}}""");
        var result = _channel.LocateAccount(Request(body, "/api/webhooks/amazon?account=A2EXAMPLESELLR1"));
        Assert.Equal("A2EXAMPLESELLR1", result.Value);
    }

    [Fact]
    public void LocateAccount_PayloadSellerWinsOverQuery()
    {
        var result = _channel.LocateAccount(Request(Samples.Bytes("amazon-pipe-order-change.json"), "/x?account=OTHER"));
        Assert.Equal("A2EXAMPLESELLR1", result.Value);
    }

    [Fact]
    public void LocateAccount_NeitherPayloadNorQuery_IsMalformed()
    {
        var body = Samples.Utf8("""{"NotificationType": "REPORT_PROCESSING_FINISHED", "Payload": {}, "NotificationMetadata": {"NotificationId": "n-1"}}""");
        var result = _channel.LocateAccount(Request(body));
        Assert.Equal(RejectionKind.Malformed, result.Rejection?.Kind);
        Assert.Contains("SellerId", result.Rejection!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void LocateAccount_NotJsonButQuery_UsesTheQuery()
    {
        Assert.Equal("A2EXAMPLESELLR1", _channel.LocateAccount(Request(Samples.Utf8("not json"), "/x?account=A2EXAMPLESELLR1")).Value);
    }

    [Fact]
    public void ReadEnvelope_EventBridgeEvent_GivesNotificationIdTypeAndEventId()
    {
        var envelope = _channel.ReadEnvelope(Request(Samples.Bytes("amazon-eventbridge-listings-mfn-quantity.json")));
        Assert.True(envelope.IsSuccess, envelope.Rejection?.Detail);
        Assert.Equal("5f8a3e1c-7b2d-4c96-a0e4-d3b6f9c2e871", envelope.Value.DeliveryId);
        Assert.Equal("LISTINGS_ITEM_MFN_QUANTITY_CHANGE", envelope.Value.Topic);
        Assert.Equal("3b7f9d21-6e4a-4c0b-8f52-a19d7c3e5b86", envelope.Value.EventId);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 16, 4, 220, TimeSpan.Zero), envelope.Value.OccurredAt);
    }

    [Fact]
    public void ReadEnvelope_PipeWrapper_GivesNotificationIdAndSqsMessageId()
    {
        var envelope = _channel.ReadEnvelope(Request(Samples.Bytes("amazon-pipe-order-change.json")));
        Assert.True(envelope.IsSuccess, envelope.Rejection?.Detail);
        Assert.Equal("c7a3e4d2-91b8-4f6e-a2d5-3b8f0e1c9a47", envelope.Value.DeliveryId);
        Assert.Equal("ORDER_CHANGE", envelope.Value.Topic);
        Assert.Equal("2f6e1b9c-4d7a-4e2b-9c81-5a3d0f7e6b12", envelope.Value.EventId);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 5, 41, 118, TimeSpan.Zero), envelope.Value.OccurredAt);
    }

    [Fact]
    public void ReadEnvelope_BareNotification_IsAccepted()
    {
        var envelope = _channel.ReadEnvelope(Request(Samples.Bytes("amazon-notification-order-change.json")));
        Assert.Equal("c7a3e4d2-91b8-4f6e-a2d5-3b8f0e1c9a47", envelope.Value?.DeliveryId);
        Assert.Null(envelope.Value?.EventId);
    }

    [Theory]
    [InlineData("amazon-eventbridge-listings-mfn-quantity.json", "5f8a3e1c-7b2d-4c96-a0e4-d3b6f9c2e871")]
    [InlineData("amazon-pipe-order-change.json", "c7a3e4d2-91b8-4f6e-a2d5-3b8f0e1c9a47")]
    [InlineData("amazon-notification-fba-inventory.json", "1e9c4b7a-6d2f-4a81-93e5-c0b7f2d8a146")]
    public void ReadEnvelope_OneElementArray_IsAccepted(string sample, string notificationId)
    {
        var envelope = _channel.ReadEnvelope(Request(AsArray(Samples.Bytes(sample))));
        Assert.True(envelope.IsSuccess, envelope.Rejection?.Detail);
        Assert.Equal(notificationId, envelope.Value.DeliveryId);
    }

    [Fact]
    public void ReadEnvelope_TwoElementArray_IsMalformed()
    {
        var one = Samples.Bytes("amazon-pipe-order-change.json");
        var envelope = _channel.ReadEnvelope(Request([.. "["u8, .. one, .. ","u8, .. one, .. "]"u8]));
        Assert.Equal(RejectionKind.Malformed, envelope.Rejection?.Kind);
        Assert.Contains("one-element array", envelope.Rejection!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEnvelope_CamelCaseNotification_IsAccepted()
    {
        var body = Samples.Utf8("""
            {"notificationVersion": "1.0", "notificationType": "PRICING_HEALTH", "payloadVersion": "1.0",
             "eventTime": "2026-11-21T12:00:00Z",
             "payload": {"issueType": "BuyBoxIneligible", "merchantOffer": {"sellerId": "A2EXAMPLESELLR1", "asin": "B0EXAMPL01", "sku": "ACME-TEE-BLK-M"}},
             "notificationMetadata": {"applicationId": "app", "subscriptionId": "sub", "publishTime": "2026-11-21T12:00:01Z", "notificationId": "ph-1"}}
            """);
        var envelope = _channel.ReadEnvelope(Request(body));
        Assert.True(envelope.IsSuccess, envelope.Rejection?.Detail);
        Assert.Equal("ph-1", envelope.Value.DeliveryId);
        Assert.Equal("PRICING_HEALTH", envelope.Value.Topic);
        Assert.Equal("A2EXAMPLESELLR1", _channel.LocateAccount(Request(body)).Value);
    }

    [Fact]
    public void ReadEnvelope_EventBridgeCamelCaseDetail_UsesDetailType()
    {
        var body = Samples.Utf8("""
            {"version": "0", "id": "eb-1", "detail-type": "LISTINGS_ITEM_MFN_QUANTITY_CHANGE", "account": "123456789012",
             "detail": {"payload": {"sellerId": "A2EXAMPLESELLR1", "sku": "ACME-MUG-12OZ", "quantity": 3},
                        "notificationMetadata": {"notificationId": "n-2"}, "eventTime": "2026-11-21T12:00:00Z"}}
            """);
        var envelope = _channel.ReadEnvelope(Request(body));
        Assert.True(envelope.IsSuccess, envelope.Rejection?.Detail);
        Assert.Equal("LISTINGS_ITEM_MFN_QUANTITY_CHANGE", envelope.Value.Topic);
        Assert.Equal("n-2", envelope.Value.DeliveryId);
        Assert.Equal("A2EXAMPLESELLR1", _channel.LocateAccount(Request(body)).Value);
    }

    [Fact]
    public void ReadEnvelope_PipeNotificationAsJsonString_IsUnwrapped()
    {
        var inner = Encoding.UTF8.GetString(Samples.Bytes("amazon-notification-order-change.json"));
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { pipeName = "p", sqsMessageId = "m-1", notification = inner }));
        var envelope = _channel.ReadEnvelope(Request(body));
        Assert.True(envelope.IsSuccess, envelope.Rejection?.Detail);
        Assert.Equal("c7a3e4d2-91b8-4f6e-a2d5-3b8f0e1c9a47", envelope.Value.DeliveryId);
        Assert.Equal("m-1", envelope.Value.EventId);
    }

    [Fact]
    public void ReadEnvelope_MissingNotificationId_IsMalformedNamingThePath()
    {
        var body = Samples.Tampered("amazon-pipe-order-change.json", "\"NotificationId\"", "\"Id\"");
        var envelope = _channel.ReadEnvelope(Request(body));
        Assert.Equal(RejectionKind.Malformed, envelope.Rejection?.Kind);
        Assert.Equal("notification.NotificationMetadata.NotificationId: expected a value, found nothing.", envelope.Rejection!.Detail);
    }

    [Fact]
    public void ReadEnvelope_NoPayload_IsMalformedNamingIt()
    {
        var body = Samples.Tampered("amazon-eventbridge-listings-mfn-quantity.json", "\"Payload\"", "\"Body\"");
        var envelope = _channel.ReadEnvelope(Request(body));
        Assert.Equal(RejectionKind.Malformed, envelope.Rejection?.Kind);
        Assert.Equal("detail.Payload: expected a value, found nothing.", envelope.Rejection!.Detail);
    }

    [Fact]
    public void ReadEnvelope_UnknownShape_IsMalformed()
    {
        var envelope = _channel.ReadEnvelope(Request(Samples.Utf8("""{"hello": "world"}""")));
        Assert.Equal(RejectionKind.Malformed, envelope.Rejection?.Kind);
        Assert.Contains("EventBridge event", envelope.Rejection!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("42")]
    public void ReadEnvelope_NotAnObject_IsMalformed(string body)
    {
        Assert.Equal(RejectionKind.Malformed, _channel.ReadEnvelope(Request(Samples.Utf8(body))).Rejection?.Kind);
    }

    [Theory]
    [InlineData("B2B_ANY_OFFER_CHANGED")]
    [InlineData("LISTINGS_ITEM_STATUS_CHANGE")]
    [InlineData("ORDER_STATUS_CHANGE")]
    public void ReadEnvelope_UnsupportedType_IsRejectedAsUnsupported(string type)
    {
        var body = Samples.Tampered("amazon-notification-order-change.json", "\"ORDER_CHANGE\"", $"\"{type}\"");
        var envelope = _channel.ReadEnvelope(Request(body));
        Assert.Equal(RejectionKind.UnsupportedTopic, envelope.Rejection?.Kind);
        Assert.Contains(type, envelope.Rejection!.Detail, StringComparison.Ordinal);
    }
}
