using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Walmart;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.Walmart;

public sealed class WalmartAuthenticationTests
{
    private const string Sample = "walmart-po-created.json";
    private const string PathAndQuery = "/api/webhooks/walmart?account=10001234567";
    private const string WebhookSecret = "test-walmart-webhook-secret";
    private const string Timestamp = "1795201535";
    private const string Signature = "s3saHnZv3saC2ip84GUQcoc0lQdXs7zwC8hWffHjqJ4=";
    private const string TamperedSignature = "CY7dVasUlRyEkwHNHTrhBeDb9BL6gTkkWOF2d+p8jhc=";
    private const string ClientSecret = "test-walmart-client-secret";
    private const string HmacHex = "3d889d4f0eb54ec5b78d8a6a2b997954dd035c953ce9ff21d06f7fe39c2db712";
    private const string HmacBase64 = "PYidTw61TsW3jYpqK5l5VN0DXJU86f8h0G9/45wttxI=";
    private const string BasicSecret = "walmart-hook:test-walmart-basic-pass";
    private const string BasicValue = "d2FsbWFydC1ob29rOnRlc3Qtd2FsbWFydC1iYXNpYy1wYXNz";
    private const string HeaderKey = "a-long-random-subscription-header-key";

    private static readonly WalmartWebhookChannel _channel = new();
    private static readonly ChannelCredentials _signature = new([WebhookSecret], AuthMethod: "Signature");

    private static WebhookRequest Signed(byte[] body, string signature = Signature, string timestamp = Timestamp, params (string, string)[] extra) =>
        Requests.Post(body, PathAndQuery, [("WM_SEC.SIGNATURE", signature), ("WM_SEC.TIMESTAMP", timestamp), .. extra]);

    [Fact]
    public void WalmartSignature_StringToSign_MatchesTheVector()
    {
        Assert.Equal(
            "POST\n/api/webhooks/walmart?account=10001234567\n1795201535\na9782d8eafe208862da7b43dedc69099b26491675f1ec8094971821d7d901c17",
            WalmartSignature.StringToSign("post", PathAndQuery, Timestamp, Samples.Bytes(Sample)));
    }

    [Fact]
    public void WalmartSignature_VectorBody_ComputesThePublishedValue()
    {
        Assert.Equal(Signature, WalmartSignature.Compute("POST", PathAndQuery, Timestamp, Samples.Bytes(Sample), WebhookSecret));
    }

    [Fact]
    public void WalmartSignature_ValidVector_IsAccepted()
    {
        Assert.True(_channel.Authenticate(Signed(Samples.Bytes(Sample)), _signature));
    }

    [Fact]
    public void WalmartSignature_TamperedBody_IsRejected()
    {
        var tampered = Samples.Tampered(Sample, "\"measurementValue\": \"2\"", "\"measurementValue\": \"20\"");
        Assert.Equal(TamperedSignature, WalmartSignature.Compute("POST", PathAndQuery, Timestamp, tampered, WebhookSecret));
        Assert.False(_channel.Authenticate(Signed(tampered), _signature));
    }

    [Fact]
    public void WalmartSignature_WrongSecret_IsRejected()
    {
        Assert.False(_channel.Authenticate(Signed(Samples.Bytes(Sample)), new ChannelCredentials(["other-secret"], AuthMethod: "Signature")));
    }

    [Fact]
    public void WalmartSignature_PreviousSecretDuringRotation_IsAccepted()
    {
        Assert.True(_channel.Authenticate(Signed(Samples.Bytes(Sample)), new ChannelCredentials(["new-webhook-secret", WebhookSecret], AuthMethod: "signature")));
    }

    [Fact]
    public void WalmartSignature_MissingSignatureHeader_IsRejected()
    {
        Assert.False(_channel.Authenticate(Requests.Post(Samples.Bytes(Sample), PathAndQuery, ("WM_SEC.TIMESTAMP", Timestamp)), _signature));
    }

    [Fact]
    public void WalmartSignature_MissingTimestamp_IsRejected()
    {
        Assert.False(_channel.Authenticate(Requests.Post(Samples.Bytes(Sample), PathAndQuery, ("WM_SEC.SIGNATURE", Signature)), _signature));
    }

    [Fact]
    public void WalmartSignature_OtherTimestampOrPath_IsRejected()
    {
        Assert.False(_channel.Authenticate(Signed(Samples.Bytes(Sample), timestamp: "1795201536"), _signature));
        var otherPath = Requests.Post(Samples.Bytes(Sample), "/api/webhooks/walmart?account=1", ("WM_SEC.SIGNATURE", Signature), ("WM_SEC.TIMESTAMP", Timestamp));
        Assert.False(_channel.Authenticate(otherPath, _signature));
    }

    [Fact]
    public void WalmartSignature_HeaderNamesInLowerCase_AreFound()
    {
        var request = Requests.Post(Samples.Bytes(Sample), PathAndQuery, ("wm_sec.signature", Signature), ("wm_sec.timestamp", Timestamp));
        Assert.True(_channel.Authenticate(request with { Headers = Requests.OrdinalHeaders(("wm_sec.signature", Signature), ("wm_sec.timestamp", Timestamp)) }, _signature));
    }

    [Theory]
    [InlineData(HmacHex)]
    [InlineData(HmacBase64)]
    [InlineData("3D889D4F0EB54EC5B78D8A6A2B997954DD035C953CE9FF21D06F7FE39C2DB712")]
    public void WalmartHmac_HexOrBase64_IsAccepted(string value)
    {
        var request = Requests.Post(Samples.Bytes(Sample), PathAndQuery, ("x-serverlessops-key", value));
        Assert.True(_channel.Authenticate(request, new ChannelCredentials([ClientSecret], AuthMethod: "Hmac")));
    }

    [Fact]
    public void WalmartHmac_TamperedBody_IsRejected()
    {
        var tampered = Samples.Tampered(Sample, "\"measurementValue\": \"2\"", "\"measurementValue\": \"20\"");
        var request = Requests.Post(tampered, PathAndQuery, ("x-serverlessops-key", HmacHex));
        Assert.False(_channel.Authenticate(request, new ChannelCredentials([ClientSecret], AuthMethod: "Hmac")));
    }

    [Fact]
    public void WalmartHmac_WrongSecretOrMissingHeader_IsRejected()
    {
        var request = Requests.Post(Samples.Bytes(Sample), PathAndQuery, ("x-serverlessops-key", HmacHex));
        Assert.False(_channel.Authenticate(request, new ChannelCredentials(["wrong"], AuthMethod: "Hmac")));
        Assert.False(_channel.Authenticate(Requests.Post(Samples.Bytes(Sample), PathAndQuery), new ChannelCredentials([ClientSecret], AuthMethod: "Hmac")));
    }

    [Fact]
    public void WalmartHmac_PreviousSecretDuringRotation_IsAccepted()
    {
        var request = Requests.Post(Samples.Bytes(Sample), PathAndQuery, ("WM-Auth", HmacBase64));
        Assert.True(_channel.Authenticate(request, new ChannelCredentials(["new-client-secret", ClientSecret], CredentialHeader: "WM-Auth", AuthMethod: "HMAC")));
    }

    [Theory]
    [InlineData(BasicValue)]
    [InlineData("Basic " + BasicValue)]
    public void WalmartBasic_WithOrWithoutPrefix_IsAccepted(string value)
    {
        var request = Requests.Post(Samples.Bytes(Sample), PathAndQuery, ("Authorization", value));
        Assert.True(_channel.Authenticate(request, new ChannelCredentials([BasicSecret], CredentialHeader: "Authorization", AuthMethod: "Basic")));
    }

    [Fact]
    public void WalmartBasic_WrongPasswordOrMissingHeader_IsRejected()
    {
        var credentials = new ChannelCredentials([BasicSecret], CredentialHeader: "Authorization", AuthMethod: "Basic");
        var wrong = Requests.Post(Samples.Bytes(Sample), PathAndQuery, ("Authorization", "Basic d2FsbWFydC1ob29rOndyb25n"));
        Assert.False(_channel.Authenticate(wrong, credentials));
        Assert.False(_channel.Authenticate(Requests.Post(Samples.Bytes(Sample), PathAndQuery), credentials));
    }

    [Fact]
    public void WalmartHeader_DefaultMethod_ComparesTheHeaderWithTheSecrets()
    {
        var credentials = new ChannelCredentials(["new-key", HeaderKey]);
        Assert.True(_channel.Authenticate(Requests.Post(Samples.Bytes(Sample), PathAndQuery, ("x-serverlessops-key", HeaderKey)), credentials));
        Assert.False(_channel.Authenticate(Requests.Post(Samples.Bytes(Sample), PathAndQuery, ("x-serverlessops-key", "guess")), credentials));
        Assert.False(_channel.Authenticate(Requests.Post(Samples.Bytes(Sample), PathAndQuery), credentials));
    }

    [Fact]
    public void WalmartHeader_WithValidSignatureToo_IsAccepted()
    {
        var request = Signed(Samples.Bytes(Sample), extra: ("x-serverlessops-key", HeaderKey));
        Assert.True(_channel.Authenticate(request, new ChannelCredentials([HeaderKey, WebhookSecret])));
    }

    [Fact]
    public void WalmartHeader_WithInvalidSignature_IsRejectedEvenThoughTheKeyIsRight()
    {
        var request = Signed(Samples.Bytes(Sample), signature: TamperedSignature, extra: ("x-serverlessops-key", HeaderKey));
        Assert.False(_channel.Authenticate(request, new ChannelCredentials([HeaderKey, WebhookSecret])));
    }

    [Fact]
    public void WalmartAuth_UnknownMethod_FailsClosed()
    {
        var request = Requests.Post(Samples.Bytes(Sample), PathAndQuery, ("x-serverlessops-key", HeaderKey));
        Assert.False(_channel.Authenticate(request, new ChannelCredentials([HeaderKey], AuthMethod: "OAuth2-maybe")));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(299, true)]
    [InlineData(-299, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    public void IsWithinReplayWindow_SignedTimestamp_IsCheckedBothWays(int secondsFromSigning, bool expected)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1795201535).AddSeconds(secondsFromSigning);
        Assert.Equal(expected, WalmartWebhookChannel.IsWithinReplayWindow(Signed(Samples.Bytes(Sample)), now, WalmartSignature.DefaultReplayWindow));
    }

    [Fact]
    public void IsWithinReplayWindow_ConfiguredWindow_IsUsed()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1795201535).AddMinutes(9);
        Assert.True(WalmartWebhookChannel.IsWithinReplayWindow(Signed(Samples.Bytes(Sample)), now, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void IsWithinReplayWindow_UnsignedDelivery_HasNothingToCheck()
    {
        var request = Requests.Post(Samples.Bytes(Sample), PathAndQuery, ("x-serverlessops-key", HeaderKey));
        Assert.True(WalmartWebhookChannel.IsWithinReplayWindow(request, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    public void IsWithinReplayWindow_SignedButTimestampUnreadable_IsOutside(string timestamp)
    {
        var request = Signed(Samples.Bytes(Sample), timestamp: timestamp);
        Assert.False(WalmartWebhookChannel.IsWithinReplayWindow(request, DateTimeOffset.FromUnixTimeSeconds(1795201535), TimeSpan.FromMinutes(5)));
    }
}
