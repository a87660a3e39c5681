using System.Net;
using System.Security.Cryptography;
using System.Text;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Testing.Tests.StubMarketplace;

/// <summary>The stub's own checks, over raw HTTP (the order reader tests cover the happy paths).</summary>
public sealed class StubMarketplaceTests
{
    [Fact]
    public async Task Start_BindsLoopbackOnAFreePort()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await Marketplace.StartAsync(ct);
        await using var second = await Marketplace.StartAsync(ct);

        Assert.Equal("127.0.0.1", first.BaseUrl.Host);
        Assert.NotEqual(first.BaseUrl.Port, second.BaseUrl.Port);
    }

    [Fact]
    public async Task Walmart_NoCorrelationId_Answers400NamingTheHeader()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await Marketplace.StartAsync(ct);
        stub.PutWalmartOrder("108812345678901", ChannelSamples.Text("walmart-get-order.json"));
        using var client = new HttpClient { BaseAddress = stub.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "v3/orders/108812345678901");
        request.Headers.TryAddWithoutValidation("WM_SEC.ACCESS_TOKEN", "any");
        request.Headers.TryAddWithoutValidation("WM_SVC.NAME", "Walmart Marketplace");
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("WM_QOS.CORRELATION_ID", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TikTok_StaleTimestamp_Answers401EvenWithACorrectSign()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await Marketplace.StartAsync(ct);
        stub.ExpectTikTok("key", "secret", "token");
        stub.PutTikTokOrder("576912345678901234", ChannelSamples.Text("tiktok-order-detail.json"));
        var stale = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sign = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("secret"),
            Encoding.UTF8.GetBytes($"secret/order/202309/ordersapp_keykeyids576912345678901234timestamp{stale}secret")));
        using var client = new HttpClient { BaseAddress = stub.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"order/202309/orders?app_key=key&ids=576912345678901234&timestamp={stale}&sign={sign}");
        request.Headers.TryAddWithoutValidation("x-tts-access-token", "token");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("timestamp", Assert.Single(stub.Requests(SalesChannel.TikTokShop)).Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailNext_ConsumesOneFaultPerRequestThenServes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await Marketplace.StartAsync(ct);
        stub.PutAmazonOrder("114-3941689-8772232", ChannelSamples.AmazonSampleGetOrder(), ChannelSamples.Text("amazon-orders-api-order-items.json"));
        stub.FailNext(SalesChannel.Amazon, 2, 429, TimeSpan.FromSeconds(3));
        using var client = new HttpClient { BaseAddress = stub.BaseUrl };

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "orders/v0/orders/114-3941689-8772232");
            request.Headers.TryAddWithoutValidation("x-amz-access-token", "any");
            answers.Add(await client.SendAsync(request, ct));
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], answers.Select(a => a.StatusCode));
        Assert.Equal(TimeSpan.FromSeconds(3), answers[0].Headers.RetryAfter!.Delta);
        Assert.True(answers[0].Headers.Contains("x-amzn-RequestId"));
        Assert.Equal(3, stub.RequestCount(SalesChannel.Amazon));
        Assert.Equal(0, stub.RequestCount(SalesChannel.Walmart));
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task FailFor_FailsEveryCallUntilRecoveredThenServes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await Marketplace.StartAsync(ct);
        stub.PutAmazonOrder("114-3941689-8772232", ChannelSamples.AmazonSampleGetOrder(), ChannelSamples.Text("amazon-orders-api-order-items.json"));
        stub.FailFor(SalesChannel.Amazon, TimeSpan.FromMinutes(5), 500);
        using var client = new HttpClient { BaseAddress = stub.BaseUrl };

        async Task<HttpStatusCode> ReadAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "orders/v0/orders/114-3941689-8772232");
            request.Headers.TryAddWithoutValidation("x-amz-access-token", "any");
            using var response = await client.SendAsync(request, ct);
            return response.StatusCode;
        }

        var during = new[] { await ReadAsync(), await ReadAsync(), await ReadAsync() };
        stub.Recover(SalesChannel.Amazon);
        var after = await ReadAsync();

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError], during);
        Assert.Equal(HttpStatusCode.OK, after);
    }
}
