using System.Diagnostics;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tests.Channels;

/// <summary>
/// The per-account circuit breaker of the channel clients, through the app's real client wiring (retries, usage plans on)
/// against the stub marketplace: Amazon answering 500 to everything opens the seller's circuit after the threshold, then
/// reads fail at once without reaching the stub or taking a usage-plan token, another seller still calls through, and
/// after the break one probe goes out; a healed channel closes the circuit.
/// </summary>
public sealed class ChannelCircuitBreakerTests
{
    private const string OtherSeller = "A2OTHERSELLER";
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AChannelFailingEverything_OpensTheAccountsCircuit_ThenReadsFailAtOnceWithoutCallsOrTokens_WhileAnotherSellerCallsThrough()
    {
        await using var host = await StartAsync();
        var seller = await OpenTheSellersCircuitAsync(host);
        Assert.Contains(host.Logs, r => r.Id.Id == 4107 && r.Message.Contains(seller.AccountId, StringComparison.Ordinal));
        var leases = GetOrderLeases(host, seller.AccountId);

        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= 10; i++)
        {
            var refused = await Assert.ThrowsAsync<ChannelApiUnavailableException>(() => ReadAsync(host, seller, i));
            Assert.Contains("circuit is open", refused.Message, StringComparison.Ordinal);
        }

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(4, host.Stub.RequestCount(SalesChannel.Amazon));
        Assert.Equal(leases, GetOrderLeases(host, seller.AccountId));

        await Assert.ThrowsAsync<ChannelApiUnavailableException>(() => ReadAsync(host, seller with { AccountId = OtherSeller }, 99));
        Assert.Equal(8, host.Stub.RequestCount(SalesChannel.Amazon));
    }

    [Fact]
    public async Task AfterTheBreak_OneProbeGoesOut_AFailedProbeReopens_AndAHealedChannelClosesTheCircuit()
    {
        await using var host = await StartAsync();
        var seller = await OpenTheSellersCircuitAsync(host);

        // Still down after the break: exactly one probe reaches the stub, fails, and the circuit opens again.
        await WaitOutTheBreakAsync();
        await Assert.ThrowsAsync<ChannelApiUnavailableException>(() => ReadAsync(host, seller, 1));
        Assert.Equal(5, host.Stub.RequestCount(SalesChannel.Amazon));
        Assert.Contains(host.Logs, r => r.Id.Id == 4108);
        await Assert.ThrowsAsync<ChannelApiUnavailableException>(() => ReadAsync(host, seller, 2));
        Assert.Equal(5, host.Stub.RequestCount(SalesChannel.Amazon));

        // Healed: the next probe is answered (a 404 for an unknown order is an answer) and the circuit closes.
        host.Stub.Recover(SalesChannel.Amazon);
        await WaitOutTheBreakAsync();
        await Assert.ThrowsAsync<ChannelOrderNotFoundException>(() => ReadAsync(host, seller, 3));
        Assert.Equal(6, host.Stub.RequestCount(SalesChannel.Amazon));
        Assert.Contains(host.Logs, r => r.Id.Id == 4109 && r.Message.Contains(seller.AccountId, StringComparison.Ordinal));

        await Assert.ThrowsAsync<ChannelOrderNotFoundException>(() => ReadAsync(host, seller, 4));
        Assert.Equal(7, host.Stub.RequestCount(SalesChannel.Amazon));
    }

    [Fact]
    public async Task AfterTheBreak_ConcurrentCallsSendOneProbe_AndTheRestAreRefusedWithoutReachingTheChannel()
    {
        await using var host = await StartAsync();
        var seller = await OpenTheSellersCircuitAsync(host);

        // A backlog of deliveries all retrying the moment the break ends: only one of them may test the channel.
        await WaitOutTheBreakAsync();
        var reads = Enumerable.Range(1, 10).Select(i => Assert.ThrowsAsync<ChannelApiUnavailableException>(() => ReadAsync(host, seller, i)));
        await Task.WhenAll(reads);

        Assert.Equal(5, host.Stub.RequestCount(SalesChannel.Amazon));
        Assert.Single(host.Logs, r => r.Id.Id == 4108);
    }

    [Fact]
    public async Task AttemptsTimingOutWhileWaitingForAUsagePlanToken_DoNotOpenTheCircuit()
    {
        // One attempt per read, of 1 s; a circuit that opens when a tenth of its calls fail (the burst's 30 answers
        // would otherwise dilute six counted timeouts below half); a long break, so a circuit opened by mistake would
        // still refuse the last read.
        await using var host = await StartAsync(new Dictionary<string, string?>
        {
            ["Channels:Amazon:MaxRetries"] = "0",
            ["Channels:CircuitBreaker:FailureRatio"] = "0.1",
            ["Channels:Amazon:TimeoutSeconds"] = "1",
            ["Channels:CircuitBreaker:BreakDurationSeconds"] = "60",
        });
        var seller = host.Account(SalesChannel.Amazon);
        var burst = AmazonUsagePlan.GetOrder.Burst;
        await Task.WhenAll(Enumerable.Range(0, burst).Select(i => Assert.ThrowsAsync<ChannelOrderNotFoundException>(() => ReadAsync(host, seller, i))));
        Assert.Equal(burst, host.Stub.RequestCount(SalesChannel.Amazon));

        // The bucket is empty and refills one token every 2 s: each of these waits past its 1 s attempt timeout.
        var waits = Enumerable.Range(100, 6).Select(i => Assert.ThrowsAsync<ChannelApiUnavailableException>(() => ReadAsync(host, seller, i)));
        await Task.WhenAll(waits);
        Assert.Equal(burst, host.Stub.RequestCount(SalesChannel.Amazon));
        Assert.DoesNotContain(host.Logs, r => r.Id.Id == 4107);

        await Task.Delay(AmazonUsagePlan.GetOrder.RefillEvery * 1.5, Token);
        await Assert.ThrowsAsync<ChannelOrderNotFoundException>(() => ReadAsync(host, seller, 200));
        Assert.Equal(burst + 1, host.Stub.RequestCount(SalesChannel.Amazon));
    }

    [Fact]
    public async Task Throttling429s_DoNotOpenTheCircuit()
    {
        await using var host = await StartAsync();
        var seller = host.Account(SalesChannel.Amazon);
        host.Stub.FailNext(SalesChannel.Amazon, 12, 429);

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ChannelApiUnavailableException>(() => ReadAsync(host, seller, i));
        }

        await Assert.ThrowsAsync<ChannelOrderNotFoundException>(() => ReadAsync(host, seller, 3));
        Assert.Equal(13, host.Stub.RequestCount(SalesChannel.Amazon));
        Assert.DoesNotContain(host.Logs, r => r.Id.Id == 4107);
    }

    /// <summary>Usage plans on, a second Amazon seller registered, and a breaker that opens after 4 failed attempts for 2 s.</summary>
    private static Task<ChannelApiTestHost> StartAsync(IDictionary<string, string?>? overrides = null)
    {
        var accounts = Testing.Scenarios.ScenarioAccounts.Default;
        var second = $"Brands:{accounts.BrandId}:Accounts:4";
        var settings = new Dictionary<string, string?>
        {
            ["Channels:PaceAmazonUsagePlans"] = "true",
            ["Channels:CircuitBreaker:MinimumThroughput"] = "4",
            ["Channels:CircuitBreaker:BreakDurationSeconds"] = ((int)Break.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{second}:Channel"] = "Amazon",
            [$"{second}:AccountId"] = OtherSeller,
            [$"{second}:AccessToken"] = accounts.AmazonAccessToken,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return ChannelApiTestHost.StartAsync(Token, overrides: settings);
    }

    /// <summary>
    /// Amazon answering 500 to everything: the seller's first read makes 4 attempts (1 + 3 retries), all 500, and the 4th
    /// reaches the minimum throughput and opens the seller's circuit.
    /// </summary>
    private static async Task<ChannelAccount> OpenTheSellersCircuitAsync(ChannelApiTestHost host)
    {
        var seller = host.Account(SalesChannel.Amazon);
        host.Stub.FailFor(SalesChannel.Amazon, TimeSpan.FromMinutes(5), 500);
        await Assert.ThrowsAsync<ChannelApiUnavailableException>(() => ReadAsync(host, seller, 0));
        Assert.Equal(4, host.Stub.RequestCount(SalesChannel.Amazon));
        return seller;
    }

    /// <summary>Waits until the break is over (with room for the timer), so the next call is the half-open probe.</summary>
    private static Task WaitOutTheBreakAsync() => Task.Delay(Break + TimeSpan.FromMilliseconds(300), Token);

    private static long GetOrderLeases(ChannelApiTestHost host, string account) =>
        host.UsagePlans.StatisticsOf(account, AmazonUsagePlan.GetOrder)?.TotalSuccessfulLeases ?? 0;

    private static Task<ChannelOrderDocument> ReadAsync(ChannelApiTestHost host, ChannelAccount account, int n) =>
        host.Readers.ReadOrderAsync(account, $"113-0000000-{n:0000000}", Token);
}
