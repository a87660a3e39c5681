using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tests.Channels;

/// <summary>
/// A token refused the channel's own way is renewed like a 401: Amazon's 403 <c>Unauthorized</c> naming the access token,
/// TikTok Shop's HTTP 200 with code 105002. Anything else that merely looks like it (a 403 for a missing role, another
/// TikTok code, a body that is not JSON) is the answer, and its body still reaches the caller.
/// </summary>
public sealed class ChannelAccessTokenRenewalHandlerTests
{
    private const string AccountId = "account-1";

    private const string AmazonOrder = """{"payload":{"AmazonOrderId":"1"}}""";

    private const string AmazonExpiredToken =
        """{"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied.","details":"The access token you provided has expired."}]}""";

    private const string AmazonRevokedToken =
        """{"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied.","details":"The access token you provided is revoked, malformed or invalid."}]}""";

    private const string AmazonMissingRole =
        """{"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied.","details":""}]}""";

    private const string TikTokOrders = """{"code":0,"message":"Success","request_id":"202612072300000001","data":{"orders":[]}}""";

    private const string TikTokExpiredToken =
        """{"code":105002,"message":"access token is expired, please refresh it","request_id":"202612072300000002","data":null}""";

    private const string TikTokOtherRefusal =
        """{"code":36009003,"message":"Internal error.","request_id":"202612072300000003","data":null}""";

    private static readonly Uri BaseAddress = new("https://channel.test/");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AmazonExpiredToken)]
    [InlineData(AmazonRevokedToken)]
    public async Task AmazonRefusesTheTokenWith403Unauthorized_IsRenewedAndSentAgain(string refusal)
    {
        var (answer, channelApi, credentials) = await SendAsync(SalesChannel.Amazon, (HttpStatusCode.Forbidden, refusal), (HttpStatusCode.OK, AmazonOrder));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(AmazonOrder, answer.Body);
        Assert.Equal([RenewingCredentialSource.Held, RenewingCredentialSource.Renewed], channelApi.TokensSent);
        Assert.Equal([(SalesChannel.Amazon, AccountId, RenewingCredentialSource.Held)], credentials.Renewals);
    }

    [Fact]
    public async Task Amazon403UnauthorizedNotNamingTheAccessToken_AMissingRole_IsTheAnswerWithoutARenewal()
    {
        var (answer, channelApi, credentials) = await SendAsync(SalesChannel.Amazon, (HttpStatusCode.Forbidden, AmazonMissingRole));

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal(AmazonMissingRole, answer.Body);
        Assert.Equal([RenewingCredentialSource.Held], channelApi.TokensSent);
        Assert.Empty(credentials.Renewals);
    }

    [Theory]
    [InlineData("not json: The access token you provided has expired.")]
    [InlineData("""{"errors":[{"code":"QuotaExceeded","message":"The access token you provided has expired."}]}""")]
    [InlineData("""{"errors":"Unauthorized"}""")]
    public async Task Amazon403WhoseBodyIsNotAnUnauthorizedError_IsTheAnswerWithoutARenewal(string body)
    {
        var (answer, channelApi, credentials) = await SendAsync(SalesChannel.Amazon, (HttpStatusCode.Forbidden, body));

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal(body, answer.Body);
        Assert.Single(channelApi.TokensSent);
        Assert.Empty(credentials.Renewals);
    }

    [Fact]
    public async Task TikTokAnswers200WithTheExpiredTokenCode_IsRenewedAndSentAgain()
    {
        var (answer, channelApi, credentials) = await SendAsync(SalesChannel.TikTokShop, (HttpStatusCode.OK, TikTokExpiredToken), (HttpStatusCode.OK, TikTokOrders));

        Assert.Equal(TikTokOrders, answer.Body);
        Assert.Equal([RenewingCredentialSource.Held, RenewingCredentialSource.Renewed], channelApi.TokensSent);
        Assert.Equal([(SalesChannel.TikTokShop, AccountId, RenewingCredentialSource.Held)], credentials.Renewals);
    }

    [Theory]
    [InlineData(TikTokOtherRefusal)]
    [InlineData(TikTokOrders)]
    [InlineData("""{"message":"access token is expired","data":{"code":105002}}""")]
    [InlineData("<html>105002</html>")]
    public async Task TikTokAnswers200WithoutTheExpiredTokenCode_IsTheAnswerWithoutARenewal_ItsBodyIntact(string body)
    {
        var (answer, channelApi, credentials) = await SendAsync(SalesChannel.TikTokShop, (HttpStatusCode.OK, body));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(body, answer.Body);
        Assert.Single(channelApi.TokensSent);
        Assert.Empty(credentials.Renewals);
    }

    [Theory]
    [InlineData(SalesChannel.Amazon, HttpStatusCode.Forbidden, AmazonExpiredToken)]
    [InlineData(SalesChannel.TikTokShop, HttpStatusCode.OK, TikTokExpiredToken)]
    [InlineData(SalesChannel.Walmart, HttpStatusCode.Unauthorized, """{"errors":"Invalid access token"}""")]
    public async Task RenewedTokenRefusedAgain_TheSecondRefusalIsTheAnswer_AfterOneRenewal(SalesChannel channel, HttpStatusCode status, string refusal)
    {
        var (answer, channelApi, credentials) = await SendAsync(channel, (status, refusal));

        Assert.Equal(status, answer.Status);
        Assert.Equal(refusal, answer.Body);
        Assert.Equal([RenewingCredentialSource.Held, RenewingCredentialSource.Renewed], channelApi.TokensSent);
        Assert.Single(credentials.Renewals);
    }

    private static async Task<((HttpStatusCode Status, string Body) Answer, ScriptedChannelHandler ChannelApi, RenewingCredentialSource Credentials)> SendAsync(
        SalesChannel channel, params (HttpStatusCode Status, string Body)[] answers)
    {
        var credentials = new RenewingCredentialSource();
        var channelApi = new ScriptedChannelHandler(ChannelTokenHeaders.For(channel), answers);
        using var client = new HttpClient(new ChannelAccessTokenRenewalHandler(channel, credentials, NullLogger.Instance) { InnerHandler = channelApi })
        {
            BaseAddress = BaseAddress,
        };

        using var request = channel switch
        {
            SalesChannel.Amazon => AmazonRequest.Create(HttpMethod.Get, "orders/v0/orders/1", RenewingCredentialSource.Held, AccountId),
            SalesChannel.Walmart => WalmartRequest.Create(HttpMethod.Get, "v3/orders/1", RenewingCredentialSource.Held, AccountId).Request,
            SalesChannel.TikTokShop => TikTokRequest.Create(
                BaseAddress, HttpMethod.Get, "order/202309/orders", new ChannelApiCredential(RenewingCredentialSource.Held, "app-key", "app-secret"),
                AccountId, DateTimeOffset.UtcNow, [new("ids", "1")]),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "No request of this channel here."),
        };
        using var response = await client.SendAsync(request, Token);
        return ((response.StatusCode, await response.Content.ReadAsStringAsync(Token)), channelApi, credentials);
    }
}
