using System.Net;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Infrastructure.Tests.Channels;

public sealed class OrderReaderFailureTests
{
    private const string WalmartOrderId = "108812345678901";
    private const string TikTokOrderId = "576912345678901234";

    [Fact]
    public async Task Walmart_503Twice_RetriesAndSucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        host.Stub.PutWalmartOrder(WalmartOrderId, ChannelSamples.Text("walmart-get-order.json"));
        host.Stub.FailNext(SalesChannel.Walmart, 2, 503);

        var document = await host.Readers.ReadOrderAsync(host.Account(SalesChannel.Walmart), WalmartOrderId, ct);

        Assert.Equal(WalmartOrderId, document.ExternalOrderId);
        Assert.Equal([503, 503, 200], host.Stub.Requests(SalesChannel.Walmart).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task TikTok_429WithRetryAfter_WaitsAtLeastRetryAfterBeforeRetrying()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        host.Stub.PutTikTokOrder(TikTokOrderId, ChannelSamples.Text("tiktok-order-detail.json"));
        host.Stub.FailNext(SalesChannel.TikTokShop, 1, 429, TimeSpan.FromSeconds(1));

        await host.Readers.ReadOrderAsync(host.Account(SalesChannel.TikTokShop), TikTokOrderId, ct);

        var requests = host.Stub.Requests(SalesChannel.TikTokShop);
        Assert.Equal([429, 200], requests.Select(r => r.StatusCode));

        // Back-off alone would wait about 20 ms here; only Retry-After: 1 explains a gap of a second or more.
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(950),
            $"The retry came {(requests[1].ReceivedAt - requests[0].ReceivedAt).TotalMilliseconds} ms after the 429 with Retry-After: 1.");
    }

    [Fact]
    public async Task Amazon_Unknown_ThrowsNotFoundWithoutRetrying()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);

        var ex = await Assert.ThrowsAsync<ChannelOrderNotFoundException>(
            () => host.Readers.ReadOrderAsync(host.Account(SalesChannel.Amazon), "111-0000000-0000000", ct));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("111-0000000-0000000", ex.ExternalOrderId);
        Assert.False(string.IsNullOrEmpty(ex.RequestId));
        Assert.Equal(1, host.Stub.RequestCount(SalesChannel.Amazon));
    }

    [Fact]
    public async Task TikTok_UnknownOrder_ThrowsNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);

        await Assert.ThrowsAsync<ChannelOrderNotFoundException>(
            () => host.Readers.ReadOrderAsync(host.Account(SalesChannel.TikTokShop), "576900000000000000", ct));
    }

    [Fact]
    public async Task TikTok_ReturnsRefusedWithACode_ThrowsNamingTheReturnsCall()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        var returns = Assert.IsAssignableFrom<IChannelReturnReader>(host.Readers.For(SalesChannel.TikTokShop));
        host.Stub.FailNextTikTokWithCode(36009009, "Shop is not authorized");

        var ex = await Assert.ThrowsAsync<ChannelApiException>(() => returns.ReadReturnsAsync(host.Account(SalesChannel.TikTokShop), TikTokOrderId, ct));

        Assert.Contains("POST /return_refund/202309/returns/search", ex.Message, StringComparison.Ordinal);
        Assert.Contains("36009009", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Walmart_400_IsNotRetriedAndNamesStatusAndCorrelationId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        host.Stub.PutWalmartOrder(WalmartOrderId, ChannelSamples.Text("walmart-get-order.json"));
        host.Stub.FailNext(SalesChannel.Walmart, 1, 400);

        var ex = await Assert.ThrowsAsync<ChannelApiException>(
            () => host.Readers.ReadOrderAsync(host.Account(SalesChannel.Walmart), WalmartOrderId, ct));

        Assert.IsNotType<ChannelApiUnavailableException>(ex);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("400", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ex.RequestId!, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Stub.RequestCount(SalesChannel.Walmart));
    }

    [Fact]
    public async Task Amazon_503BeyondRetries_ThrowsUnavailableAfterFirstPlusMaxRetries()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct, maxRetries: 2);
        host.Stub.FailNext(SalesChannel.Amazon, 5, 503);

        var ex = await Assert.ThrowsAsync<ChannelApiUnavailableException>(
            () => host.Readers.ReadOrderAsync(host.Account(SalesChannel.Amazon), "114-3941689-8772232", ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(3, host.Stub.RequestCount(SalesChannel.Amazon));
    }

    [Fact]
    public async Task Amazon_WrongAccessToken_Gets401AndNoTokenInMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(
            ct, overrides: new Dictionary<string, string?> { ["Brands:acme:Accounts:1:AccessToken"] = "revoked-token-value" });
        host.Stub.PutAmazonOrder("114-3941689-8772232", ChannelSamples.AmazonSampleGetOrder(), ChannelSamples.Text("amazon-orders-api-order-items.json"));

        var ex = await Assert.ThrowsAsync<ChannelApiException>(
            () => host.Readers.ReadOrderAsync(host.Account(SalesChannel.Amazon), "114-3941689-8772232", ct));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.DoesNotContain("revoked-token-value", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Stub.RequestCount(SalesChannel.Amazon));
    }

    [Fact]
    public async Task TikTok_WrongAppSecret_SignRejectedWith401()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(
            ct, overrides: new Dictionary<string, string?> { ["Brands:acme:Accounts:3:Secret"] = "not-the-app-secret" });
        host.Stub.PutTikTokOrder(TikTokOrderId, ChannelSamples.Text("tiktok-order-detail.json"));

        var ex = await Assert.ThrowsAsync<ChannelApiException>(
            () => host.Readers.ReadOrderAsync(host.Account(SalesChannel.TikTokShop), TikTokOrderId, ct));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("sign wrong", Assert.Single(host.Stub.Requests(SalesChannel.TikTokShop)).Outcome);
        Assert.DoesNotContain("not-the-app-secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TikTok_200WithNonZeroCode_ThrowsWithCodeAndRequestId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        host.Stub.PutTikTokOrder(TikTokOrderId, ChannelSamples.Text("tiktok-order-detail.json"));
        host.Stub.FailNextTikTokWithCode(36009009, "Shop is not authorized");

        var ex = await Assert.ThrowsAsync<ChannelApiException>(
            () => host.Readers.ReadOrderAsync(host.Account(SalesChannel.TikTokShop), TikTokOrderId, ct));

        Assert.Contains("36009009", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(ex.RequestId));
        Assert.Contains(ex.RequestId!, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Stub.RequestCount(SalesChannel.TikTokShop));
    }

    [Fact]
    public async Task Walmart_429WithHttpDateRetryAfter_WaitsForTheDate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        host.Stub.PutWalmartOrder(WalmartOrderId, ChannelSamples.Text("walmart-get-order.json"));
        host.Stub.FailNext(SalesChannel.Walmart, 1, 429, TimeSpan.FromSeconds(2), retryAfterAsHttpDate: true);

        await host.Readers.ReadOrderAsync(host.Account(SalesChannel.Walmart), WalmartOrderId, ct);

        var requests = host.Stub.Requests(SalesChannel.Walmart);
        Assert.Equal([429, 200], requests.Select(r => r.StatusCode));

        // An HTTP date has whole-second resolution, so "now + 2 s" is at least one second away when it is read.
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900),
            $"The retry came {(requests[1].ReceivedAt - requests[0].ReceivedAt).TotalMilliseconds} ms after a Retry-After date 2 s ahead.");
    }

    [Fact]
    public async Task Walmart_FirstAttemptHangs_AttemptTimesOutAndRetrySucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(
            ct, overrides: new Dictionary<string, string?> { ["Channels:Walmart:TimeoutSeconds"] = "1" });
        host.Stub.PutWalmartOrder(WalmartOrderId, ChannelSamples.Text("walmart-get-order.json"));
        host.Stub.StallNext(SalesChannel.Walmart, 1, TimeSpan.FromSeconds(30));

        var document = await host.Readers.ReadOrderAsync(host.Account(SalesChannel.Walmart), WalmartOrderId, ct);

        Assert.Equal(WalmartOrderId, document.ExternalOrderId);
        await WaitUntilAsync(() => host.Stub.RequestCount(SalesChannel.Walmart) == 2, ct);
        Assert.Equal(["served", "stalled; the caller hung up"], host.Stub.Requests(SalesChannel.Walmart).Select(r => r.Outcome).Order());
    }

    [Fact]
    public async Task TikTok_EveryAttemptHangs_ThrowsUnavailableWithoutStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(
            ct, maxRetries: 1, overrides: new Dictionary<string, string?> { ["Channels:TikTokShop:TimeoutSeconds"] = "1" });
        host.Stub.StallNext(SalesChannel.TikTokShop, 2, TimeSpan.FromSeconds(30));

        var ex = await Assert.ThrowsAsync<ChannelApiUnavailableException>(
            () => host.Readers.ReadOrderAsync(host.Account(SalesChannel.TikTokShop), TikTokOrderId, ct));

        Assert.Null(ex.StatusCode);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The stub records a hung-up call when its wait is cancelled, a moment after the client gave up.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }
}
