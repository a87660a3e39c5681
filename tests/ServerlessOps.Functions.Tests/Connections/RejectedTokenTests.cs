using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Functions.Tests.Admin;
using ServerlessOps.Functions.Tests.Backstop;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Backstop;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Registry;
using ServerlessOps.Infrastructure.Settlements;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Connections;

/// <summary>
/// A channel refuses (401; Amazon 403 Unauthorized; TikTok Shop code 105002 in an HTTP 200) an access token we still hold as valid: the channel rotated or invalidated it, or the merchant's
/// support revoked it, while the account stays connected. The call renews the token once (one token call, however many
/// callers and instances) and is sent again once with the new token; a renewed token refused in turn fails as before,
/// without another renewal.
/// </summary>
public sealed class RejectedTokenTests(FunctionAppFixture fixture)
{
    private const int Callers = 50;

    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShopifyTokenRevokedEarly_FiftyOrderReadsOnTwoInstances_OneRefreshAndEveryReadSucceeds()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var first = harness.Instance();
        var second = harness.Instance();
        using var client = ConnectionHarness.Client(first);
        var account = await ConnectNewShopAsync(client);
        var shop = account.AccountId;
        var orderId = BackstopOrders.Shopify(harness.Stub, DateTimeOffset.UtcNow);
        await second.Services.GetRequiredService<RegistryLoader>().ReloadAsync("the change feed's next poll", Token);
        var listers = new[] { first, second }.Select(i => i.Services.GetRequiredService<ShopifyOrderLister>()).ToArray();
        foreach (var lister in listers)
        {
            await lister.ReadOrderAsync(account, orderId, Token);
        }

        Assert.Equal(1, harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, shop));

        // Both instances hold the token Shopify now refuses, an hour before it would expire.
        harness.Stub.Tokens.RevokeAccessTokens(SalesChannel.Shopify, shop);
        var orders = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => listers[i % 2].ReadOrderAsync(account, orderId, Token)));

        Assert.All(orders, order => Assert.Equal(orderId, order.ExternalOrderId));
        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, shop));
        Assert.Equal("Connected", (await ConnectionHarness.ConnectionAsync(client, SalesChannel.Shopify, shop)).Str("status"));
    }

    [Fact]
    public async Task ShopifyRenewedTokenRefusedAgain_ReadFailsWith401_AndTheNextRefusalRenewsNothing()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var instance = harness.Instance();
        using var client = ConnectionHarness.Client(instance);
        var account = await ConnectNewShopAsync(client);
        var shop = account.AccountId;
        var orderId = BackstopOrders.Shopify(harness.Stub, DateTimeOffset.UtcNow);
        var lister = instance.Services.GetRequiredService<ShopifyOrderLister>();

        // Refused, renewed, refused again: the second 401 is the answer, not a reason to renew again.
        harness.Stub.FailNext(SalesChannel.Shopify, 2, (int)HttpStatusCode.Unauthorized);
        var refused = await Assert.ThrowsAsync<ChannelApiException>(() => lister.ReadOrderAsync(account, orderId, Token));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, shop));

        // The renewed token refused on the next call too: no token call, one request.
        harness.Stub.FailNext(SalesChannel.Shopify, 1, (int)HttpStatusCode.Unauthorized);
        await Assert.ThrowsAsync<ChannelApiException>(() => lister.ReadOrderAsync(account, orderId, Token));
        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, shop));
        Assert.Equal(3, harness.Stub.Requests(SalesChannel.Shopify).Count(r => r.Path.EndsWith($"/orders/{orderId}.json", StringComparison.Ordinal)));

        // Once the channel takes the token again, reads work with it.
        Assert.Equal(orderId, (await lister.ReadOrderAsync(account, orderId, Token)).ExternalOrderId);
    }

    [Fact]
    public async Task AmazonTokenRevokedEarly_OrderReRead_OneRefreshAndTheReadSucceeds()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var instance = harness.Instance();
        using var client = ConnectionHarness.Client(instance);
        await ConnectionHarness.ConnectAsync(client, "amazon", new { sellingPartnerId = Accounts.AmazonSellerId });
        var account = new ChannelAccount("acme", SalesChannel.Amazon, Accounts.AmazonSellerId);
        var orderId = BackstopOrders.Amazon(harness.Stub, DateTimeOffset.UtcNow);
        var readers = instance.Services.GetRequiredService<ChannelOrderReaders>();
        await readers.ReadOrderAsync(account, orderId, Token);
        Assert.Equal(1, harness.Stub.Tokens.TokenCalls(SalesChannel.Amazon, Accounts.AmazonSellerId));

        harness.Stub.Tokens.RevokeAccessTokens(SalesChannel.Amazon, Accounts.AmazonSellerId);
        var document = await readers.ReadOrderAsync(account, orderId, Token);

        Assert.Equal(orderId, document.ExternalOrderId);
        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.Amazon, Accounts.AmazonSellerId));
    }

    [Fact]
    public async Task AmazonRefusesTheTokenWith403Unauthorized_OrderRead_OneRefreshAndTheReadSucceeds()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var (readers, account, orderId) = await ConnectAmazonAsync(harness);

        // SP-API's answer to an expired or revoked LWA token: 403 Unauthorized, never 401.
        harness.Stub.RefuseNextToken(SalesChannel.Amazon);
        var document = await readers.ReadOrderAsync(account, orderId, Token);

        Assert.Equal(orderId, document.ExternalOrderId);
        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.Amazon, Accounts.AmazonSellerId));
    }

    [Fact]
    public async Task AmazonRefusesTheCallForAMissingRole_OrderRead_FailsWith403WithoutATokenCall()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var (readers, account, orderId) = await ConnectAmazonAsync(harness);

        harness.Stub.RefuseNextAmazonCallForMissingRole();
        var refused = await Assert.ThrowsAsync<ChannelApiException>(() => readers.ReadOrderAsync(account, orderId, Token));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1, harness.Stub.Tokens.TokenCalls(SalesChannel.Amazon, Accounts.AmazonSellerId));
    }

    [Fact]
    public async Task AmazonRenewedTokenRefusedAgain_OrderReadFailsWith403_AfterOneRefresh()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var (readers, account, orderId) = await ConnectAmazonAsync(harness);

        harness.Stub.RefuseNextToken(SalesChannel.Amazon, 2);
        var refused = await Assert.ThrowsAsync<ChannelApiException>(() => readers.ReadOrderAsync(account, orderId, Token));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.Amazon, Accounts.AmazonSellerId));
    }

    [Fact]
    public async Task TikTokAnswersTheExpiredTokenCodeWith200_OrderRead_OneRefreshAndTheReadSucceeds()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var instance = harness.Instance();
        using var client = ConnectionHarness.Client(instance);
        var connection = await ConnectionHarness.ConnectAsync(client, "tiktok", new { });
        var account = new ChannelAccount("acme", SalesChannel.TikTokShop, connection.Str("accountId"));
        var orderId = BackstopOrders.TikTok(harness.Stub, DateTimeOffset.UtcNow);
        var readers = instance.Services.GetRequiredService<ChannelOrderReaders>();
        await readers.ReadOrderAsync(account, orderId, Token);
        Assert.Equal(1, harness.Stub.Tokens.TokenCalls(SalesChannel.TikTokShop, account.AccountId));

        // TikTok Shop refuses an expired access token with HTTP 200 and code 105002.
        harness.Stub.RefuseNextToken(SalesChannel.TikTokShop);
        var document = await readers.ReadOrderAsync(account, orderId, Token);

        Assert.Equal(orderId, document.ExternalOrderId);
        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.TikTokShop, account.AccountId));

        // Another code is the channel's answer, not a refused token: no token call.
        harness.Stub.FailNextTikTokWithCode(36009003, "Internal error.");
        await Assert.ThrowsAsync<ChannelApiException>(() => readers.ReadOrderAsync(account, orderId, Token));
        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.TikTokShop, account.AccountId));
    }

    [Fact]
    public async Task ShopifyTokenRevokedEarly_SettlementRead_OneRefreshAndTheReadSucceeds()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var instance = harness.Instance();
        using var client = ConnectionHarness.Client(instance);
        var account = await ConnectNewShopAsync(client);
        var shop = account.AccountId;
        var payoutId = harness.Stub.PutPayout(SalesChannel.Shopify, Payout("70001"));
        var reader = instance.Services.GetRequiredService<ShopifySettlementReader>();
        await ReadSettlementsAsync(reader, account);
        Assert.Equal(1, harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, shop));

        // The nightly import holds the token Shopify now refuses, an hour before it would expire.
        harness.Stub.Tokens.RevokeAccessTokens(SalesChannel.Shopify, shop);
        var batch = await ReadSettlementsAsync(reader, account);

        Assert.Equal(payoutId, Assert.Single(batch.Payouts).PayoutId);
        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, shop));
    }

    [Fact]
    public async Task WalmartTokenRevokedEarly_SettlementRead_OneRefreshAndTheReadSucceeds()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var instance = harness.Instance();
        using var client = ConnectionHarness.Client(instance);
        harness.Stub.Tokens.RegisterWalmartClient(Accounts.WalmartPartnerId, "wm-client-id-0003", "wm-client-secret-0003");
        var api = new AdminApi(client);
        var path = $"api/brands/acme/accounts/walmart/{Accounts.WalmartPartnerId}";
        var current = (await api.GetAsync(path)).Expect(HttpStatusCode.OK);
        (await api.PutAsync(path, new { secrets = new { clientId = new { value = "wm-client-id-0003" }, clientSecret = new { value = "wm-client-secret-0003" } } }, current.ETag))
            .Expect(HttpStatusCode.OK);
        using var verified = await client.PostAsync($"api/brands/acme/connections/walmart/{Accounts.WalmartPartnerId}/verify", null, Token);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var account = new ChannelAccount("acme", SalesChannel.Walmart, Accounts.WalmartPartnerId);
        var payoutId = harness.Stub.PutPayout(SalesChannel.Walmart, Payout("ignored"));
        var reader = instance.Services.GetRequiredService<WalmartSettlementReader>();
        Assert.Equal(1, harness.Stub.Tokens.TokenCalls(SalesChannel.Walmart, Accounts.WalmartPartnerId));

        harness.Stub.Tokens.RevokeAccessTokens(SalesChannel.Walmart, Accounts.WalmartPartnerId);
        var batch = await ReadSettlementsAsync(reader, account);

        Assert.Equal(payoutId, Assert.Single(batch.Payouts).PayoutId);
        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.Walmart, Accounts.WalmartPartnerId));
    }

    /// <summary>The scenario's Amazon seller connected through the OAuth routes, and one of its orders read once (one token call).</summary>
    private static async Task<(ChannelOrderReaders Readers, ChannelAccount Account, string OrderId)> ConnectAmazonAsync(ConnectionHarness harness)
    {
        var instance = harness.Instance();
        using var client = ConnectionHarness.Client(instance);
        await ConnectionHarness.ConnectAsync(client, "amazon", new { sellingPartnerId = Accounts.AmazonSellerId });
        var account = new ChannelAccount("acme", SalesChannel.Amazon, Accounts.AmazonSellerId);
        var orderId = BackstopOrders.Amazon(harness.Stub, DateTimeOffset.UtcNow);
        var readers = instance.Services.GetRequiredService<ChannelOrderReaders>();
        await readers.ReadOrderAsync(account, orderId, Token);
        Assert.Equal(1, harness.Stub.Tokens.TokenCalls(SalesChannel.Amazon, Accounts.AmazonSellerId));
        return (readers, account, orderId);
    }

    /// <summary>A new shop of brand acme, connected through the OAuth routes (so its tokens are the stub's to refuse).</summary>
    private static async Task<ChannelAccount> ConnectNewShopAsync(HttpClient client)
    {
        var shop = ConnectionHarness.NewShop();
        await ConnectionHarness.ConnectAsync(client, "shopify", new { shop });
        return new ChannelAccount("acme", SalesChannel.Shopify, shop);
    }

    /// <summary>The last three days' settlements of <paramref name="account"/>, as the nightly import reads them.</summary>
    private static Task<SettlementBatch> ReadSettlementsAsync(ISettlementReader reader, ChannelAccount account) =>
        reader.ReadAsync(account, DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow, Token);

    /// <summary>A payout of yesterday: one 40.00 sale less a 3.15 fee.</summary>
    private static StubPayout Payout(string payoutId)
    {
        var paidAt = DateTimeOffset.UtcNow.AddDays(-1);
        return new StubPayout(payoutId, "USD", paidAt,
        [
            new StubSettlementRow("9001", StubSettlementKind.Sale, 40m, paidAt.AddHours(-2)) { Sku = "SKU-A", LineId = "L1" },
            new StubSettlementRow("9001", StubSettlementKind.Fee, -3.15m, paidAt.AddHours(-2)) { Sku = "SKU-A", LineId = "L1", FeeType = "Commission" },
        ]);
    }
}
