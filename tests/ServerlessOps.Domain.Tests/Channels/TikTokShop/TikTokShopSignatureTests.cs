using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.TikTokShop;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.TikTokShop;

public sealed class TikTokShopSignatureTests
{
    private const string AppKey = "test-tts-app-key";
    private const string AppSecret = "test-tts-app-secret";
    private const string StatusChangeSignature = "d50dd764d6a4230dd28264a992cd233c2ef073183ee142331d0f6d390ac3412b";
    private const string CancellationSignature = "9b3cd5b362be9a9aeee0c9cb2b36a0d3a39a39a810b4dd7b141513aec8db93c4";
    private const string TamperedSignature = "65305447700ddf8660f428deb0fbbc8bf2003e8e8f2ed3832362a912bb0502dd";

    // TikTok Shop's own worked example: one line, no trailing newline.
    private const string DocumentedBody =
        """{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}}""";

    private const string DocumentedSignature = "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05";

    private static readonly TikTokShopWebhookChannel _channel = new();
    private static readonly ChannelCredentials _credentials = new([AppSecret], AppKey: AppKey);

    private static WebhookRequest Request(byte[] body, string? signature) =>
        signature is null ? Requests.Post(body) : Requests.Post(body, "/api/webhooks/tiktok", ("Authorization", signature));

    [Theory]
    [InlineData("tiktok-order-status-change.json", StatusChangeSignature)]
    [InlineData("tiktok-cancellation-status-change.json", CancellationSignature)]
    public void TikTokSignature_VectorBodies_ComputeThePublishedValue(string sample, string expected)
    {
        Assert.Equal(expected, TikTokShopSignature.Compute(Samples.Bytes(sample), AppKey, AppSecret));
    }

    [Theory]
    [InlineData("tiktok-order-status-change.json", StatusChangeSignature)]
    [InlineData("tiktok-cancellation-status-change.json", CancellationSignature)]
    public void TikTokSignature_ValidVector_IsAccepted(string sample, string signature)
    {
        Assert.True(_channel.Authenticate(Request(Samples.Bytes(sample), signature), _credentials));
    }

    [Fact]
    public void TikTokSignature_DocumentedExample_IsAccepted()
    {
        Assert.Equal(DocumentedSignature, TikTokShopSignature.Compute(Samples.Utf8(DocumentedBody), "abcdef", "123"));
        Assert.True(_channel.Authenticate(Request(Samples.Utf8(DocumentedBody), DocumentedSignature), new ChannelCredentials(["123"], AppKey: "abcdef")));
    }

    [Fact]
    public void TikTokSignature_TamperedBody_IsRejected()
    {
        var tampered = Samples.Tampered("tiktok-order-status-change.json", "\"AWAITING_SHIPMENT\"", "\"CANCEL\"");
        Assert.Equal(TamperedSignature, TikTokShopSignature.Compute(tampered, AppKey, AppSecret));
        Assert.False(_channel.Authenticate(Request(tampered, StatusChangeSignature), _credentials));
    }

    [Fact]
    public void TikTokSignature_WrongSecret_IsRejected()
    {
        Assert.False(_channel.Authenticate(
            Request(Samples.Bytes("tiktok-order-status-change.json"), StatusChangeSignature), new ChannelCredentials(["other"], AppKey: AppKey)));
    }

    [Fact]
    public void TikTokSignature_WrongAppKey_IsRejected()
    {
        Assert.False(_channel.Authenticate(
            Request(Samples.Bytes("tiktok-order-status-change.json"), StatusChangeSignature), new ChannelCredentials([AppSecret], AppKey: "other-key")));
    }

    [Fact]
    public void TikTokSignature_NoAppKeyConfigured_IsRejected()
    {
        Assert.False(_channel.Authenticate(Request(Samples.Bytes("tiktok-order-status-change.json"), StatusChangeSignature), new ChannelCredentials([AppSecret])));
    }

    [Fact]
    public void TikTokSignature_PreviousSecretDuringRotation_IsAccepted()
    {
        Assert.True(_channel.Authenticate(
            Request(Samples.Bytes("tiktok-order-status-change.json"), StatusChangeSignature), new ChannelCredentials(["rotated-secret", AppSecret], AppKey: AppKey)));
    }

    [Fact]
    public void TikTokSignature_MissingHeader_IsRejected()
    {
        Assert.False(_channel.Authenticate(Request(Samples.Bytes("tiktok-order-status-change.json"), null), _credentials));
    }

    [Theory]
    [InlineData("Bearer " + StatusChangeSignature)]
    [InlineData("d50dd764")]
    [InlineData("zz0dd764d6a4230dd28264a992cd233c2ef073183ee142331d0f6d390ac3412b")]
    [InlineData("")]
    public void TikTokSignature_MalformedHeader_IsRejected(string header)
    {
        Assert.False(_channel.Authenticate(Request(Samples.Bytes("tiktok-order-status-change.json"), header), _credentials));
    }

    [Fact]
    public void TikTokSignature_UpperCaseHex_IsAccepted()
    {
        Assert.True(_channel.Authenticate(Request(Samples.Bytes("tiktok-order-status-change.json"), StatusChangeSignature.ToUpperInvariant()), _credentials));
    }

    [Fact]
    public void TikTokSignature_EmptyBody_IsRejected()
    {
        Assert.False(_channel.Authenticate(Request([], TikTokShopSignature.Compute([], AppKey, AppSecret)), _credentials));
    }
}
