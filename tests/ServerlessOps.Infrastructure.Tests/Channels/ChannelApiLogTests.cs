using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Infrastructure.Tests.Channels;

public sealed class ChannelApiLogTests
{
    [Fact]
    public async Task RetriesAndRefusals_AreLoggedWithIdsButNoTokenSecretOrSign()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        host.Stub.PutTikTokOrder("576912345678901234", ChannelSamples.Text("tiktok-order-detail.json"));
        host.Stub.FailNext(SalesChannel.TikTokShop, 1, 503);
        await host.Readers.ReadOrderAsync(host.Account(SalesChannel.TikTokShop), "576912345678901234", ct);
        host.Stub.FailNext(SalesChannel.Walmart, 1, 400);
        await Assert.ThrowsAsync<ChannelApiException>(() => host.Readers.ReadOrderAsync(host.Account(SalesChannel.Walmart), "108812345678901", ct));

        var logs = host.Logs;

        var retry = Assert.Single(logs, r => r.Id.Id == 4101);
        Assert.Contains("TikTokShop", retry.Message, StringComparison.Ordinal);
        Assert.Contains("503", retry.Message, StringComparison.Ordinal);
        Assert.Contains(logs, r => r.Id.Id == 4100 && r.Message.Contains("576912345678901234", StringComparison.Ordinal));
        Assert.Contains(logs, r => r.Id.Id == 4102 && r.Message.Contains("108812345678901", StringComparison.Ordinal));
        var accounts = host.Accounts;
        var secrets = new[] { accounts.TikTokAccessToken, accounts.TikTokAppSecret, accounts.WalmartAccessToken, "sign=" };
        Assert.All(logs, r => Assert.All(secrets, secret => Assert.DoesNotContain(secret, r.Message, StringComparison.Ordinal)));
    }
}
