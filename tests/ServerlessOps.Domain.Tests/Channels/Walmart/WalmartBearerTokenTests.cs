using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Walmart;
using ServerlessOps.Domain.Tests.TestSupport;

namespace ServerlessOps.Domain.Tests.Channels.Walmart;

public sealed class WalmartBearerTokenTests
{
    private const string Credential = "walmart-subscription-client:s3cret-given-to-walmart";

    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Nonce = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    private static string Issue(string credential = Credential, TimeSpan? lifetime = null) =>
        WalmartBearerToken.Issue(credential, Now + (lifetime ?? TimeSpan.FromHours(1)), Nonce);

    [Fact]
    public void WalmartBearerToken_Issued_VerifiesWithOrWithoutTheBearerScheme()
    {
        var token = Issue();

        Assert.StartsWith("wmo1.", token, StringComparison.Ordinal);
        Assert.True(WalmartBearerToken.Verify(token, [Credential], Now));
        Assert.True(WalmartBearerToken.Verify("Bearer " + token, [Credential], Now));
        Assert.True(WalmartBearerToken.Verify("bearer  " + token, [Credential], Now.AddMinutes(59)));
    }

    [Fact]
    public void WalmartBearerToken_AtOrAfterExpiry_IsRefused()
    {
        var token = Issue();

        Assert.False(WalmartBearerToken.Verify(token, [Credential], Now.AddHours(1)));
        Assert.False(WalmartBearerToken.Verify(token, [Credential], Now.AddDays(2)));
    }

    [Fact]
    public void WalmartBearerToken_AnotherAccountsCredential_IsRefused()
    {
        Assert.False(WalmartBearerToken.Verify(Issue(), ["other-client:other-secret"], Now));
    }

    [Fact]
    public void WalmartBearerToken_ExpiryMovedOrMacAltered_IsRefused()
    {
        var parts = Issue().Split('.');
        var later = string.Join('.', parts[0], (long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture), parts[2], parts[3]);
        var altered = string.Join('.', parts[0], parts[1], parts[2], parts[3][..^2] + (parts[3][^2..] == "AA" ? "BB" : "AA"));

        Assert.False(WalmartBearerToken.Verify(later, [Credential], Now));
        Assert.False(WalmartBearerToken.Verify(altered, [Credential], Now));
    }

    [Fact]
    public void WalmartBearerToken_ClaimingMoreThanADay_IsRefusedEvenWhenSigned()
    {
        Assert.False(WalmartBearerToken.Verify(Issue(lifetime: TimeSpan.FromDays(3)), [Credential], Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer ")]
    [InlineData("wmo1.abc.def")]
    [InlineData("wmo2.1795000000.AAAAAAAAAAAAAAAAAAAAAA.AAAA")]
    [InlineData("Basic d2FsbWFydDpzZWNyZXQ=")]
    public void WalmartBearerToken_Malformed_IsRefused(string? presented)
    {
        Assert.False(WalmartBearerToken.Verify(presented, [Credential], Now));
    }

    [Fact]
    public void WalmartBearerToken_CredentialRotated_OldTokensAcceptedUntilThePreviousValueIsDropped()
    {
        var token = Issue();

        Assert.True(WalmartBearerToken.Verify(token, ["new-client:new-secret", Credential], Now));
        Assert.False(WalmartBearerToken.Verify(token, ["new-client:new-secret"], Now));
    }

    [Fact]
    public void WalmartBearerToken_ShortNonce_IsAnError()
    {
        Assert.Throws<ArgumentException>(() => WalmartBearerToken.Issue(Credential, Now.AddHours(1), new byte[8]));
    }

    [Fact]
    public void WalmartAuthenticator_OAuthMethod_AcceptsOurBearerInTheHeaderOnlyWhenTheReceiptTimeIsKnown()
    {
        var channel = new WalmartWebhookChannel();
        var credentials = new ChannelCredentials([Credential], CredentialHeader: "Authorization", AuthMethod: WalmartAuthMethods.OAuth);
        var body = Samples.Bytes("walmart-po-created.json");
        var request = Requests.Post(body, "/api/webhooks/walmart?account=10001234567", ("Authorization", "Bearer " + Issue()));

        Assert.True(channel.Authenticate(request with { ReceivedAt = Now }, credentials));
        Assert.False(channel.Authenticate(request with { ReceivedAt = Now.AddHours(2) }, credentials));
        Assert.False(channel.Authenticate(request, credentials));
        Assert.False(channel.Authenticate(request with { ReceivedAt = Now }, credentials with { Secrets = ["other-client:other-secret"] }));
    }
}
