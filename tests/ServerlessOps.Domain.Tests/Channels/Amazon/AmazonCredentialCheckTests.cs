using System.Security.Cryptography;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Amazon;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.Amazon;

public sealed class AmazonCredentialCheckTests
{
    private const string ApiKey = "test-eventbridge-api-key-0001";
    private const string BasicSecret = "eventbridge:test-eventbridge-basic-pass";
    private const string BasicHeader = "Basic ZXZlbnRicmlkZ2U6dGVzdC1ldmVudGJyaWRnZS1iYXNpYy1wYXNz";
    private const string Sample = "amazon-eventbridge-listings-mfn-quantity.json";

    private static readonly AmazonWebhookChannel _channel = new();
    private static readonly ChannelCredentials _apiKey = new([ApiKey]);
    private static readonly ChannelCredentials _basic = new([BasicSecret], CredentialHeader: "Authorization");

    private static WebhookRequest WithKey(byte[] body, string? value) =>
        value is null ? Requests.Post(body) : Requests.Post(body, "/api/webhooks/amazon", ("x-serverlessops-key", value));

    [Fact]
    public void AmazonCredential_ValidApiKey_IsAccepted()
    {
        Assert.True(_channel.Authenticate(WithKey(Samples.Bytes(Sample), ApiKey), _apiKey));
    }

    [Fact]
    public void AmazonCredential_WrongApiKey_IsRejected()
    {
        Assert.False(_channel.Authenticate(WithKey(Samples.Bytes(Sample), "test-eventbridge-api-key-0002"), _apiKey));
    }

    [Fact]
    public void AmazonCredential_WrongSecretConfigured_IsRejected()
    {
        Assert.False(_channel.Authenticate(WithKey(Samples.Bytes(Sample), ApiKey), new ChannelCredentials(["another-key"])));
    }

    [Fact]
    public void AmazonCredential_PreviousKeyDuringRotation_IsAccepted()
    {
        Assert.True(_channel.Authenticate(WithKey(Samples.Bytes(Sample), ApiKey), new ChannelCredentials(["rotated-key-0002", ApiKey])));
    }

    [Fact]
    public void AmazonCredential_MissingHeader_IsRejected()
    {
        Assert.False(_channel.Authenticate(WithKey(Samples.Bytes(Sample), null), _apiKey));
    }

    [Fact]
    public void AmazonCredential_EmptyHeader_IsRejected()
    {
        Assert.False(_channel.Authenticate(WithKey(Samples.Bytes(Sample), "  "), _apiKey));
    }

    [Fact]
    public void AmazonCredential_CustomHeaderName_IsTheOneChecked()
    {
        var credentials = new ChannelCredentials([ApiKey], CredentialHeader: "X-Acme-Hook-Key");
        var right = Requests.Post(Samples.Bytes(Sample), "/", ("x-acme-hook-key", ApiKey));
        var wrongHeader = Requests.Post(Samples.Bytes(Sample), "/", ("x-serverlessops-key", ApiKey));
        Assert.True(_channel.Authenticate(right, credentials));
        Assert.False(_channel.Authenticate(wrongHeader, credentials));
    }

    [Fact]
    public void AmazonCredential_ValidBasic_IsAccepted()
    {
        var request = Requests.Post(Samples.Bytes(Sample), "/", ("Authorization", BasicHeader));
        Assert.True(_channel.Authenticate(request, _basic));
    }

    [Fact]
    public void AmazonCredential_BasicSchemeInOtherCase_IsAccepted()
    {
        var request = Requests.Post(Samples.Bytes(Sample), "/", ("authorization", "basic ZXZlbnRicmlkZ2U6dGVzdC1ldmVudGJyaWRnZS1iYXNpYy1wYXNz"));
        Assert.True(_channel.Authenticate(request, _basic));
    }

    [Theory]
    [InlineData("Basic ZXZlbnRicmlkZ2U6d3JvbmctcGFzcw==")]
    [InlineData("Bearer ZXZlbnRicmlkZ2U6dGVzdC1ldmVudGJyaWRnZS1iYXNpYy1wYXNz")]
    [InlineData("ZXZlbnRicmlkZ2U6dGVzdC1ldmVudGJyaWRnZS1iYXNpYy1wYXNz")]
    [InlineData("Basic not-base64")]
    [InlineData("Basic")]
    public void AmazonCredential_WrongOrMalformedBasic_IsRejected(string header)
    {
        var request = Requests.Post(Samples.Bytes(Sample), "/", ("Authorization", header));
        Assert.False(_channel.Authenticate(request, _basic));
    }

    [Fact]
    public void AmazonCredential_PreviousBasicPasswordDuringRotation_IsAccepted()
    {
        var request = Requests.Post(Samples.Bytes(Sample), "/", ("Authorization", BasicHeader));
        Assert.True(_channel.Authenticate(request, new ChannelCredentials(["eventbridge:new-pass", BasicSecret], CredentialHeader: "Authorization")));
    }

    [Fact]
    public void AmazonCredential_TamperedBody_IsStillAcceptedBecauseEventBridgeSignsNothing()
    {
        // VECTORS.md: the digest changes, the credential does not; the order facts are re-read from the Orders API.
        var original = Samples.Bytes(Sample);
        var tampered = Samples.Tampered(Sample, "\"Quantity\": 41", "\"Quantity\": 0");
        Assert.Equal("3d810bac88a3a49ff8a7e5d1dc5cc94f857482a76f1cf5b4ffb86caec62152ff", Convert.ToHexStringLower(SHA256.HashData(original)));
        Assert.Equal("5a183954549f58cf869a40a7492ece7cd5a801f9ba5d18b788d49197d44843a5", Convert.ToHexStringLower(SHA256.HashData(tampered)));
        Assert.True(_channel.Authenticate(WithKey(tampered, ApiKey), _apiKey));
    }
}
