using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tests.Channels;

/// <summary>
/// Amazon calls are paced by each operation's published usage plan per seller account (getOrder 0.5/s, burst 30), through
/// the app's real client wiring against the stub marketplace: a burst goes out at once, the rest wait for tokens instead of
/// reaching Amazon, and past a burst's worth of waiting calls the call is answered 429 here and never sent.
/// </summary>
public sealed class AmazonUsagePlanTests
{
    private static readonly Dictionary<string, string?> Paced = new() { ["Channels:PaceAmazonUsagePlans"] = "true" };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/orders/v0/orders/113-0000001-0000001/orderItems", "getOrderItems")]
    [InlineData("GET", "/sp/orders/v0/orders/113-0000001-0000001", "getOrder")]
    [InlineData("GET", "/orders/v0/orders", "getOrders")]
    [InlineData("PATCH", "/listings/2021-08-01/items/A2SELLER/MUG-1", "patchListingsItem")]
    public void EachPlannedOperation_IsKnownByItsMethodAndPath(string method, string path, string operation) =>
        Assert.Equal(operation, AmazonUsagePlan.For(new HttpMethod(method), path)?.Operation);

    [Theory]
    [InlineData("GET", "/listings/2021-08-01/items/A2SELLER/MUG-1")]
    [InlineData("GET", "/finances/v0/financialEventGroups")]
    [InlineData("POST", "/orders/v0/orders/113-0000001-0000001")]
    public void AnOperationWithoutAPlanHere_IsNotPaced(string method, string path) =>
        Assert.Null(AmazonUsagePlan.For(new HttpMethod(method), path));

    [Fact]
    public async Task OrderReadsBeyondTheBurst_WaitForTokens_InsteadOfReachingAmazon()
    {
        await using var host = await ChannelApiTestHost.StartAsync(Token, overrides: Paced);

        var sent = await AmazonCallsWithinAsync(host, reads: 40, TimeSpan.FromSeconds(1.5));

        // Unknown orders: one getOrder each (a 404 is not retried). The burst of 30 goes out, then one token per 2 s.
        Assert.InRange(sent, 30, 31);
    }

    [Fact]
    public async Task ACallPastABurstOfWaitingCalls_IsAnswered429Here_AndLogged()
    {
        await using var host = await ChannelApiTestHost.StartAsync(Token, overrides: Paced);

        var sent = await AmazonCallsWithinAsync(host, reads: 65, TimeSpan.FromSeconds(1.5));

        Assert.InRange(sent, 30, 31);
        Assert.Contains(host.Logs, r => r.Id.Id == 2290 && r.Message.Contains("getOrder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherSellerAccount_IsNotHeldBackByAFullOne()
    {
        const string OtherSeller = "A2OTHERSELLER";
        var accounts = Testing.Scenarios.ScenarioAccounts.Default;
        var second = $"Brands:{accounts.BrandId}:Accounts:4";
        await using var host = await ChannelApiTestHost.StartAsync(Token, overrides: new Dictionary<string, string?>(Paced)
        {
            [$"{second}:Channel"] = "Amazon",
            [$"{second}:AccountId"] = OtherSeller,
            [$"{second}:AccessToken"] = accounts.AmazonAccessToken,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var first = host.Account(SalesChannel.Amazon);
        var waiting = Enumerable.Range(0, 40).Select(i => ReadAsync(host, first, i, stop.Token)).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(0.5), Token);
        var before = host.Stub.RequestCount(SalesChannel.Amazon);

        await ReadAsync(host, first with { AccountId = OtherSeller }, 99, Token).WaitAsync(TimeSpan.FromSeconds(1), Token);

        Assert.Equal(before + 1, host.Stub.RequestCount(SalesChannel.Amazon));
        await stop.CancelAsync();
        await Task.WhenAll(waiting);
    }

    [Fact]
    public async Task WithPacingOff_EveryReadGoesOutAtOnce()
    {
        await using var host = await ChannelApiTestHost.StartAsync(Token);

        Assert.Equal(40, await AmazonCallsWithinAsync(host, reads: 40, TimeSpan.FromSeconds(1.5)));
    }

    /// <summary>Starts <paramref name="reads"/> reads of unknown orders at once; the stub's Amazon calls after <paramref name="within"/>.</summary>
    private static async Task<int> AmazonCallsWithinAsync(ChannelApiTestHost host, int reads, TimeSpan within)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var account = host.Account(SalesChannel.Amazon);
        var all = Enumerable.Range(0, reads).Select(i => ReadAsync(host, account, i, stop.Token)).ToArray();
        await Task.Delay(within, Token);
        var sent = host.Stub.RequestCount(SalesChannel.Amazon);
        await stop.CancelAsync();
        await Task.WhenAll(all);
        return sent;
    }

    /// <summary>Reads an order the stub does not know; its 404, a refusal or the test's cancellation all end it.</summary>
    private static async Task ReadAsync(ChannelApiTestHost host, Domain.Brands.ChannelAccount account, int n, CancellationToken cancellationToken)
    {
        try
        {
            await host.Readers.ReadOrderAsync(account, $"113-0000000-{n:0000000}", cancellationToken);
        }
        catch (Exception e) when (e is ChannelOrderNotFoundException or ChannelApiException or OperationCanceledException)
        {
        }
    }
}
