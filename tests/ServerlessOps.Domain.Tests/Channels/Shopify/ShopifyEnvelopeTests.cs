using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Domain.Tests.TestSupport;
using static ServerlessOps.Domain.Tests.Channels.Shopify.ShopifyTestRequests;

namespace ServerlessOps.Domain.Tests.Channels.Shopify;

public sealed class ShopifyEnvelopeTests
{
    private static readonly ShopifyWebhookChannel _channel = new();

    private static WebhookRequest Create() => Request(Samples.Bytes("shopify-orders-create.json"), "orders/create", CreateHmac);

    [Fact]
    public void LocateAccount_ShopDomainHeader_IsTheAccount()
    {
        var request = With(Create(), ShopifyHeaders.ShopDomain, "ACME-Outfitters.myshopify.com");
        var result = _channel.LocateAccount(request);
        Assert.True(result.IsSuccess);
        Assert.Equal("acme-outfitters.myshopify.com", result.Value);
    }

    [Fact]
    public void LocateAccount_NoShopDomain_IsMalformedNamingTheHeader()
    {
        var result = _channel.LocateAccount(Without(Create(), ShopifyHeaders.ShopDomain));
        Assert.False(result.IsSuccess);
        Assert.Equal(RejectionKind.Malformed, result.Rejection.Kind);
        Assert.Contains(ShopifyHeaders.ShopDomain, result.Rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEnvelope_CreateSample_GivesDeliveryEventTopicAndTriggeredAt()
    {
        var result = _channel.ReadEnvelope(Create());
        Assert.True(result.IsSuccess);
        Assert.Equal(WebhookId, result.Value.DeliveryId);
        Assert.Equal("orders/create", result.Value.Topic);
        Assert.Equal(EventId, result.Value.EventId);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 3, 12, 104, TimeSpan.Zero), result.Value.OccurredAt);
    }

    [Theory]
    [InlineData(ShopifyHeaders.Topic)]
    [InlineData(ShopifyHeaders.Hmac)]
    [InlineData(ShopifyHeaders.ShopDomain)]
    [InlineData(ShopifyHeaders.WebhookId)]
    public void ReadEnvelope_RequiredHeaderMissing_IsMalformedNamingIt(string header)
    {
        var result = _channel.ReadEnvelope(Without(Create(), header));
        Assert.False(result.IsSuccess);
        Assert.Equal(RejectionKind.Malformed, result.Rejection.Kind);
        Assert.Contains(header, result.Rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ShopifyHeaders.EventId)]
    [InlineData(ShopifyHeaders.TriggeredAt)]
    [InlineData(ShopifyHeaders.ApiVersion)]
    public void ReadEnvelope_OptionalHeaderMissing_IsAccepted(string header)
    {
        Assert.True(_channel.ReadEnvelope(Without(Create(), header)).IsSuccess);
    }

    [Fact]
    public void ReadEnvelope_TriggeredAtNotATime_IsMalformed()
    {
        var result = _channel.ReadEnvelope(With(Create(), ShopifyHeaders.TriggeredAt, "yesterday"));
        Assert.Equal(RejectionKind.Malformed, result.Rejection?.Kind);
        Assert.Contains(ShopifyHeaders.TriggeredAt, result.Rejection!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\": 1,")]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    public void ReadEnvelope_BodyNotAJsonObject_IsMalformed(string body)
    {
        var result = _channel.ReadEnvelope(Request(Samples.Utf8(body), "orders/create", CreateHmac));
        Assert.Equal(RejectionKind.Malformed, result.Rejection?.Kind);
        Assert.Contains("JSON object", result.Rejection!.Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// The other channels' envelopes say what is wrong with a body and where; Shopify's said only "malformed JSON or an
    /// empty body", in the 400 and in the quarantine reason alike, whatever the fault.
    /// </summary>
    [Theory]
    [InlineData("{\n  \"id\": 1,\n  \"line_items\": [", "malformed JSON (line 3, byte 18)")]
    [InlineData("{\n  \"id\": 1,\n  \"id\": 2\n}", "\"id\" written twice in one object (line 3, byte 3)")]
    [InlineData("{\"note\": \"\uFFFD\"}", "not valid UTF-8")]
    public void ReadEnvelope_BodyNotReadableJson_SaysWhatAndWhere(string body, string expected)
    {
        var bytes = body.Contains('\uFFFD', StringComparison.Ordinal) ? [.. "{\"note\": \""u8, 0xff, 0xfe, .. "\"}"u8] : Samples.Utf8(body);

        var result = _channel.ReadEnvelope(Request(bytes, "orders/create", CreateHmac));

        Assert.Equal(RejectionKind.Malformed, result.Rejection?.Kind);
        Assert.Contains(expected, result.Rejection!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("carts/update")]
    [InlineData("orders/edited")]
    [InlineData("Checkouts/Create")]
    public void ReadEnvelope_UnsupportedTopic_IsRejectedAsUnsupportedNamingTheTopic(string topic)
    {
        var result = _channel.ReadEnvelope(Request(Samples.Bytes("shopify-orders-create.json"), topic, CreateHmac));
        Assert.Equal(RejectionKind.UnsupportedTopic, result.Rejection?.Kind);
        Assert.Contains(topic, result.Rejection!.Detail, StringComparison.Ordinal);
        Assert.Equal(topic.ToLowerInvariant(), result.Rejection.Topic);
    }

    [Theory]
    [InlineData("orders/create")]
    [InlineData("ORDERS/UPDATED")]
    [InlineData("orders/paid")]
    [InlineData("orders/cancelled")]
    [InlineData("orders/fulfilled")]
    [InlineData("orders/partially_fulfilled")]
    [InlineData("orders/delete")]
    [InlineData("refunds/create")]
    [InlineData("fulfillments/create")]
    [InlineData("fulfillments/update")]
    [InlineData("inventory_levels/update")]
    [InlineData("products/update")]
    [InlineData("app/uninstalled")]
    [InlineData("customers/data_request")]
    [InlineData("customers/redact")]
    [InlineData("shop/redact")]
    public void ReadEnvelope_HandledTopic_IsAcceptedInLowerCase(string topic)
    {
        var result = _channel.ReadEnvelope(Request(Samples.Bytes("shopify-orders-create.json"), topic, CreateHmac));
        Assert.True(result.IsSuccess);
        Assert.Equal(topic.ToLowerInvariant(), result.Value.Topic);
    }

    [Fact]
    public void MapApiOrder_IsNotSupported()
    {
        var document = new ChannelOrderDocument(SalesChannel.Shopify, "1", new Dictionary<string, string>());
        Assert.Throws<NotSupportedException>(() => _channel.MapApiOrder(document, Accounts.Shopify));
    }
}
