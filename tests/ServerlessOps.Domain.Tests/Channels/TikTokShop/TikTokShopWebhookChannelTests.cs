using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.TikTokShop;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.TikTokShop;

public sealed class TikTokShopWebhookChannelTests
{
    private static readonly TikTokShopWebhookChannel _channel = new();

    private static DeliveryContent Interpret(byte[] body)
    {
        var envelope = _channel.ReadEnvelope(Requests.Post(body));
        Assert.True(envelope.IsSuccess, envelope.Rejection?.Detail);
        return _channel.Interpret(envelope.Value, Requests.NoHeaders, body, Accounts.TikTok, Accounts.DeliveryKey);
    }

    private static byte[] Notification(int type, string data) =>
        Samples.Utf8($$$"""{"type": {{{type}}}, "tts_notification_id": "744011223344556{{{type}}}", "shop_id": "7495512345678901234", "timestamp": 1795201540, "data": {{{data}}} }""");

    [Theory]
    [InlineData("tiktok-order-status-change.json")]
    [InlineData("tiktok-cancellation-status-change.json")]
    [InlineData("tiktok-return-status-change.json")]
    public void LocateAccount_EverySample_IsTheShopId(string sample)
    {
        Assert.Equal("7495512345678901234", _channel.LocateAccount(Requests.Post(Samples.Bytes(sample))).Value);
    }

    [Fact]
    public void LocateAccount_NoShopId_IsMalformedNamingIt()
    {
        var body = Samples.Tampered("tiktok-order-status-change.json", "\"shop_id\"", "\"shop\"");
        var result = _channel.LocateAccount(Requests.Post(body));
        Assert.Equal(RejectionKind.Malformed, result.Rejection?.Kind);
        Assert.Equal("shop_id: expected a value, found nothing.", result.Rejection!.Detail);
    }

    [Theory]
    [InlineData("tiktok-order-status-change.json", "7440112233445566771", "1", 1795201540L)]
    [InlineData("tiktok-cancellation-status-change.json", "7440112233445566902", "11", 1795205020L)]
    [InlineData("tiktok-return-status-change.json", "7440112233445567113", "12", 1795632011L)]
    public void ReadEnvelope_Samples_GiveNotificationIdTypeAndTimestamp(string sample, string id, string topic, long timestamp)
    {
        var envelope = _channel.ReadEnvelope(Requests.Post(Samples.Bytes(sample)));
        Assert.True(envelope.IsSuccess, envelope.Rejection?.Detail);
        Assert.Equal(id, envelope.Value.DeliveryId);
        Assert.Equal(topic, envelope.Value.Topic);
        Assert.Null(envelope.Value.EventId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(timestamp), envelope.Value.OccurredAt);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(42)]
    [InlineData(0)]
    public void ReadEnvelope_UnsupportedType_IsRejectedAsUnsupported(int type)
    {
        var envelope = _channel.ReadEnvelope(Requests.Post(Notification(type, """{"order_id": "1"}""")));
        Assert.Equal(RejectionKind.UnsupportedTopic, envelope.Rejection?.Kind);
        Assert.Contains($"type {type} ", envelope.Rejection!.Detail, StringComparison.Ordinal);
        Assert.Equal(type.ToString(System.Globalization.CultureInfo.InvariantCulture), envelope.Rejection.Topic);
    }

    [Theory]
    [InlineData("\"type\": 1", "\"type\": \"one\"", "type: expected an integer, found \"one\".")]
    [InlineData("\"tts_notification_id\": \"7440112233445566771\"", "\"tts_notification_id\": false", "tts_notification_id: expected an id (non-empty string or integer), found false.")]
    [InlineData("\"timestamp\": 1795201540", "\"timestamp\": \"later\"", "timestamp: expected Unix time in seconds, found \"later\".")]
    public void ReadEnvelope_WrongTypes_AreMalformedNamingTheField(string find, string replace, string detail)
    {
        var envelope = _channel.ReadEnvelope(Requests.Post(Samples.Tampered("tiktok-order-status-change.json", find, replace)));
        Assert.Equal(RejectionKind.Malformed, envelope.Rejection?.Kind);
        Assert.Equal(detail, envelope.Rejection!.Detail);
    }

    [Fact]
    public void ReadEnvelope_NoData_IsMalformedNamingIt()
    {
        var envelope = _channel.ReadEnvelope(Requests.Post(Samples.Tampered("tiktok-order-status-change.json", "\"data\"", "\"payload\"")));
        Assert.Equal(RejectionKind.Malformed, envelope.Rejection?.Kind);
        Assert.Equal("data: expected a value, found nothing.", envelope.Rejection!.Detail);
    }

    [Theory]
    [InlineData("tiktok-order-status-change.json", false)]
    [InlineData("tiktok-cancellation-status-change.json", false)]
    [InlineData("tiktok-return-status-change.json", true)]
    public void Interpret_OrderTopics_AreSignalsForTheOrderAndAReturnReadsTheReturns(string sample, bool includesReturns)
    {
        var signal = Assert.IsType<OrderSignal>(Interpret(Samples.Bytes(sample)));
        Assert.Equal("576912345678901234", signal.ExternalOrderId);
        Assert.Equal(includesReturns, signal.IncludesReturns);
    }

    [Fact]
    public void Interpret_AddressUpdate_IsASignal()
    {
        var signal = Assert.IsType<OrderSignal>(Interpret(Notification(3, """{"order_id": "576912345678901234", "update_time": 1795201538}""")));
        Assert.Equal("576912345678901234", signal.ExternalOrderId);
    }

    [Fact]
    public void Interpret_PackageUpdateWithOrder_IsASignal()
    {
        Assert.IsType<OrderSignal>(Interpret(Notification(4, """{"order_id": "576912345678901234", "package_id": "115"}""")));
    }

    [Fact]
    public void Interpret_PackageUpdateWithoutOrder_IsANotice()
    {
        var notice = Assert.IsType<ChannelNotice>(Interpret(Notification(4, """{"package_id": "115"}""")));
        Assert.Equal("Package 115 updated", notice.Summary);
    }

    [Theory]
    [InlineData(5, """{"product_id": "1729400000000000001", "status": "LIVE"}""", "Product 1729400000000000001 status LIVE")]
    [InlineData(6, """{}""", "Seller deauthorised the app: the channel account no longer delivers")]
    [InlineData(7, """{"expiration_time": 1796000000}""", "The shop's authorisation expires soon: the seller must re-authorise")]
    public void Interpret_ShopTopics_AreNotices(int type, string data, string summary)
    {
        Assert.Equal(summary, Assert.IsType<ChannelNotice>(Interpret(Notification(type, data))).Summary);
    }

    [Fact]
    public void Interpret_OrderTopicWithoutOrderId_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Interpret(Notification(1, """{"order_status": "UNPAID"}""")));
        Assert.Equal("data.order_id: expected a value, found nothing.", ex.Message);
    }

    [Fact]
    public void ReadEnvelope_DataNotAnObject_IsMalformedNamingIt()
    {
        var envelope = _channel.ReadEnvelope(Requests.Post(Notification(1, "[]")));
        Assert.Equal(RejectionKind.Malformed, envelope.Rejection?.Kind);
        Assert.Equal("data: expected an object, found an array of 0.", envelope.Rejection!.Detail);
    }
}
