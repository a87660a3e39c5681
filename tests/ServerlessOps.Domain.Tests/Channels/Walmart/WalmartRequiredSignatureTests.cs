using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Walmart;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.Walmart;

/// <summary>WM_SEC.SIGNATURE made mandatory, and checked with a signing secret that rotates apart from the header key.</summary>
public sealed class WalmartRequiredSignatureTests
{
    private const string Sample = "walmart-po-created.json";
    private const string PathAndQuery = "/api/webhooks/walmart?account=10001234567";
    private const string SigningSecret = "test-walmart-webhook-secret";
    private const string Timestamp = "1795201535";
    private const string Signature = "s3saHnZv3saC2ip84GUQcoc0lQdXs7zwC8hWffHjqJ4=";
    private const string HeaderKey = "a-long-random-subscription-header-key";

    private static readonly WalmartWebhookChannel _channel = new();

    private static WebhookRequest Request(bool signed) =>
        Requests.Post(Samples.Bytes(Sample), PathAndQuery,
            signed ? [("x-serverlessops-key", HeaderKey), ("WM_SEC.SIGNATURE", Signature), ("WM_SEC.TIMESTAMP", Timestamp)] : [("x-serverlessops-key", HeaderKey)]);

    [Fact]
    public void RequireSignature_UnsignedDeliveryWithTheRightHeaderKey_IsRejected()
    {
        var credentials = new ChannelCredentials([HeaderKey], SignatureSecrets: [SigningSecret], RequireSignature: true);

        Assert.False(_channel.Authenticate(Request(signed: false), credentials));
        Assert.True(_channel.Authenticate(Request(signed: true), credentials));
    }

    [Fact]
    public void WithoutRequireSignature_UnsignedDeliveryWithTheRightHeaderKey_IsAccepted() =>
        Assert.True(_channel.Authenticate(Request(signed: false), new ChannelCredentials([HeaderKey], SignatureSecrets: [SigningSecret])));

    [Fact]
    public void SignatureSecrets_AreUsedForWmSec_NotTheHeaderKeys()
    {
        // The header key alone cannot produce the signature; the signing secret, current or previous, can.
        Assert.False(_channel.Authenticate(Request(signed: true), new ChannelCredentials([HeaderKey], SignatureSecrets: ["rotated-in-signing-secret"])));
        Assert.True(_channel.Authenticate(Request(signed: true), new ChannelCredentials([HeaderKey], SignatureSecrets: ["rotated-in-signing-secret", SigningSecret])));
    }
}
