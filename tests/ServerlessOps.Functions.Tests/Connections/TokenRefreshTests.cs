using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Registry;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Tests.Connections;

/// <summary>
/// Access tokens obtained and refreshed (CHANNELS.md 6) with two app instances on one token store and the stub
/// marketplace's token endpoints counting every call: once per expiry whatever the number of callers and instances, a
/// rotated refresh token that survives (or, where the channel keeps no grace, visibly does not survive) a crash, and a
/// revoked grant that alerts once and calls the channel once.
/// </summary>
public sealed class TokenRefreshTests(FunctionAppFixture fixture)
{
    private const int Callers = 50;

    /// <summary>
    /// The access token's lifetime while a test connects and reads it for the first time. The token becomes due 1 s before
    /// it expires, so this leaves 5 s for the callback's exchange and the first read: with 3-4 s, a loaded CI machine
    /// (2026-12-05) took long enough that the first read already refreshed, and the counts were one too high.
    /// </summary>
    private static readonly TimeSpan ShortLifetime = TimeSpan.FromSeconds(6);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShopifyTokenExpiresMidRun_FiftyCallersOnTwoInstances_RefreshedOnceAndAllGetTheNewToken()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var first = harness.Instance();
        var second = harness.Instance();
        using var client = ConnectionHarness.Client(first);
        var shop = ConnectionHarness.NewShop();
        harness.Stub.Tokens.SetAccessTokenLifetime(SalesChannel.Shopify, ShortLifetime);
        await ConnectionHarness.ConnectAsync(client, "shopify", new { shop });
        harness.Stub.Tokens.SetAccessTokenLifetime(SalesChannel.Shopify, TimeSpan.FromHours(1));
        var account = new ChannelAccount("acme", SalesChannel.Shopify, shop);
        var services = new[] { ConnectionHarness.TokenService(first), ConnectionHarness.TokenService(second) };
        var connected = (await services[1].GetAsync(account, Token))!;
        Assert.Equal(1, harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, shop));

        await ConnectionHarness.WaitUntilDueAsync(connected);
        var tokens = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => services[i % 2].GetAsync(account, Token).AsTask()));

        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, shop));
        var refreshed = Assert.Single(tokens.Select(t => t!.Value).Distinct(StringComparer.Ordinal));
        Assert.NotEqual(connected.Value, refreshed);
        Assert.True(harness.Stub.Tokens.IsValid(SalesChannel.Shopify, refreshed));
        var connection = await ConnectionHarness.ConnectionAsync(client, SalesChannel.Shopify, shop);
        Assert.Equal(1, connection.Number("refreshCount"));
        Assert.Equal("Connected", connection.Str("status"));

        // Both instances logged the refresh by account, neither logged a token.
        var stored = (await first.Services.GetRequiredService<IChannelTokenStore>().ReadAsync(SalesChannel.Shopify, shop, Token))!.Value;
        var logs = new[] { first, second }.SelectMany(i => i.Services.GetFakeLogCollector().GetSnapshot()).ToList();
        Assert.Contains(logs, l => l.Message.Contains(shop, StringComparison.Ordinal) && l.Message.Contains("token obtained", StringComparison.Ordinal));
        foreach (var secret in new[] { connected.Value, refreshed, stored.RefreshToken! })
        {
            Assert.DoesNotContain(logs, l => l.Message.Contains(secret, StringComparison.Ordinal) || (l.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false));
        }
    }

    [Fact]
    public async Task ShopifyRefreshTokenRotated_InstanceDiesBeforeStoringIt_AnotherInstanceRecoversWithThePreviousOne()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        CrashingTokenStore? crashing = null;
        var doomed = harness.Instance(services => services.AddSingleton<IChannelTokenStore>(sp =>
            crashing = new CrashingTokenStore(ActivatorUtilities.CreateInstance<CosmosChannelTokenStore>(sp))));
        var survivor = harness.Instance();
        using var client = ConnectionHarness.Client(survivor);
        var shop = ConnectionHarness.NewShop();
        harness.Stub.Tokens.SetAccessTokenLifetime(SalesChannel.Shopify, ShortLifetime);
        await ConnectionHarness.ConnectAsync(client, "shopify", new { shop });
        var account = new ChannelAccount("acme", SalesChannel.Shopify, shop);
        var connected = (await ConnectionHarness.TokenService(doomed).GetAsync(account, Token))!;

        // The doomed instance refreshes: Shopify rotates the refresh token, and the instance dies before storing the answer.
        crashing!.Armed = true;
        await ConnectionHarness.WaitUntilDueAsync(connected);
        await Assert.ThrowsAsync<ChannelApiUnavailableException>(async () => await ConnectionHarness.TokenService(doomed).GetAsync(account, Token));
        Assert.True(crashing.Lost > 0);
        await doomed.DisposeAsync();

        // The survivor waits out the dead instance's lease, then refreshes with the stored (previous) refresh token,
        // which Shopify still accepts because its replacement was never used (2026-08-28 grace), and stores the new one.
        var recovered = (await ConnectionHarness.TokenService(survivor).GetAsync(account, Token))!;
        Assert.True(harness.Stub.Tokens.IsValid(SalesChannel.Shopify, recovered.Value));
        var presented = harness.Stub.Tokens.RefreshTokensPresented(SalesChannel.Shopify, shop);
        Assert.Equal(2, presented.Count);
        Assert.Equal(presented[0], presented[1]);

        // The stored refresh token is the newest: the next refresh presents it and works.
        await ConnectionHarness.WaitUntilDueAsync(recovered);
        var next = (await ConnectionHarness.TokenService(survivor).GetAsync(account, Token))!;
        Assert.NotEqual(recovered.Value, next.Value);
        presented = harness.Stub.Tokens.RefreshTokensPresented(SalesChannel.Shopify, shop);
        Assert.Equal(3, presented.Count);
        Assert.NotEqual(presented[1], presented[2]);
        Assert.Equal("Connected", (await ConnectionHarness.ConnectionAsync(client, SalesChannel.Shopify, shop)).Str("status"));
    }

    /// <summary>
    /// TikTok Shop documents a new refresh token with every refresh and no grace for the old one (CHANNELS.md 6), so the
    /// stub refuses it. A refreshed token lost in a crash then cannot be recovered: the account is marked as needing
    /// re-authorisation and its data owner alerted, instead of failing silently or retrying.
    /// </summary>
    [Fact]
    public async Task TikTokRefreshTokenLostInACrash_OldOneRefused_AccountNeedsReauthorisationAndOwnerIsAlerted()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        CrashingTokenStore? crashing = null;
        var doomed = harness.Instance(services => services.AddSingleton<IChannelTokenStore>(sp =>
            crashing = new CrashingTokenStore(ActivatorUtilities.CreateInstance<CosmosChannelTokenStore>(sp))));
        var survivor = harness.Instance();
        using var client = ConnectionHarness.Client(survivor);
        harness.Stub.Tokens.SetAccessTokenLifetime(SalesChannel.TikTokShop, ShortLifetime);
        var connection = await ConnectionHarness.ConnectAsync(client, "tiktok", new { });
        var account = new ChannelAccount("acme", SalesChannel.TikTokShop, connection.Str("accountId"));
        var connected = (await ConnectionHarness.TokenService(doomed).GetAsync(account, Token))!;

        crashing!.Armed = true;
        await ConnectionHarness.WaitUntilDueAsync(connected);
        await Assert.ThrowsAsync<ChannelApiUnavailableException>(async () => await ConnectionHarness.TokenService(doomed).GetAsync(account, Token));
        await doomed.DisposeAsync();

        await Assert.ThrowsAsync<ChannelAuthorizationRevokedException>(async () => await ConnectionHarness.TokenService(survivor).GetAsync(account, Token));
        Assert.Equal("NeedsReauthorisation", (await ConnectionHarness.ConnectionAsync(client, SalesChannel.TikTokShop, account.AccountId)).Str("status"));
        var alert = Assert.Single(await AlertsAsync(client));
        Assert.Equal(account.AccountId, alert.GetProperty("evidence").Str("accountId"));
    }

    /// <summary>
    /// A token call may take longer than <c>ChannelTokens:LeaseDuration</c> (3 s here) while its holder is alive: a slow
    /// answer, retries, Retry-After waits. TikTok has rotated the refresh token (no grace) the moment it answered, so another
    /// instance that took the lease over meanwhile would present the dead one, be refused, and mark a working grant revoked,
    /// while the holder's 412 dropped the only good refresh token. The other instance must wait for the holder's answer.
    /// </summary>
    [Fact]
    public async Task TikTokRefreshAnsweredAfterTheLeaseDuration_AnotherInstanceWaitsForIt_AndTheRotatedRefreshTokenIsKept()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var slow = new SlowTokenAnswers();
        var holder = harness.Instance(services => services.AddHttpClient(TokenEndpoint.HttpClientName).AddHttpMessageHandler(slow.Handler));
        var other = harness.Instance();
        using var client = ConnectionHarness.Client(other);
        harness.Stub.Tokens.SetAccessTokenLifetime(SalesChannel.TikTokShop, ShortLifetime);
        var connection = await ConnectionHarness.ConnectAsync(client, "tiktok", new { });
        harness.Stub.Tokens.SetAccessTokenLifetime(SalesChannel.TikTokShop, TimeSpan.FromHours(1));
        var account = new ChannelAccount("acme", SalesChannel.TikTokShop, connection.Str("accountId"));
        var connected = (await ConnectionHarness.TokenService(holder).GetAsync(account, Token))!;

        // The holder refreshes; TikTok rotates at once, but its answer reaches the holder 6 s later (within the call's timeout).
        slow.Delay = TimeSpan.FromSeconds(6);
        await ConnectionHarness.WaitUntilDueAsync(connected);
        var holding = ConnectionHarness.TokenService(holder).GetAsync(account, Token).AsTask();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (harness.Stub.Tokens.TokenCalls(SalesChannel.TikTokShop, account.AccountId) < 2 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(20, Token);
        }

        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.TikTokShop, account.AccountId));

        // Past the lease's 3 s, the answer still on its way: the other instance needs a token now.
        await Task.Delay(TimeSpan.FromSeconds(3.5), Token);
        var asked = (await ConnectionHarness.TokenService(other).GetAsync(account, Token))!;
        var held = (await holding)!;

        Assert.Equal(held.Value, asked.Value);
        Assert.True(harness.Stub.Tokens.IsValid(SalesChannel.TikTokShop, asked.Value));
        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.TikTokShop, account.AccountId));
        Assert.Equal("Connected", (await ConnectionHarness.ConnectionAsync(client, SalesChannel.TikTokShop, account.AccountId)).Str("status"));
        Assert.Empty(await AlertsAsync(client));

        // The rotated refresh token was stored: the next refresh presents it and works.
        var next = await ConnectionHarness.TokenService(other).RefreshNowAsync(account, Token);
        Assert.True(harness.Stub.Tokens.IsValid(SalesChannel.TikTokShop, next.Value));
        var presented = harness.Stub.Tokens.RefreshTokensPresented(SalesChannel.TikTokShop, account.AccountId);
        Assert.Equal(2, presented.Count);
        Assert.NotEqual(presented[0], presented[1]);
    }

    [Fact]
    public async Task RevokedRefreshToken_FiftyCallersOnTwoInstancesTwice_OneTokenCallOneAlertAndEveryCallerRefused()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var first = harness.Instance();
        var second = harness.Instance();
        using var client = ConnectionHarness.Client(first);
        var shop = ConnectionHarness.NewShop();
        harness.Stub.Tokens.SetAccessTokenLifetime(SalesChannel.Shopify, ShortLifetime);
        await ConnectionHarness.ConnectAsync(client, "shopify", new { shop });
        var account = new ChannelAccount("acme", SalesChannel.Shopify, shop);
        var services = new[] { ConnectionHarness.TokenService(first), ConnectionHarness.TokenService(second) };
        var connected = (await services[0].GetAsync(account, Token))!;
        harness.Stub.Tokens.Revoke(SalesChannel.Shopify, shop);
        await ConnectionHarness.WaitUntilDueAsync(connected);

        for (var round = 0; round < 2; round++)
        {
            var outcomes = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => Outcome(services[i % 2], account)));
            Assert.All(outcomes, o => Assert.IsType<ChannelAuthorizationRevokedException>(o));
        }

        // One exchange at connection, one refused refresh: no retry storm, whatever the callers and instances.
        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, shop));
        var alert = Assert.Single(await AlertsAsync(client));
        Assert.Equal(1, alert.Number("occurrences"));
        Assert.Equal("Open", alert.Str("state"));
        Assert.Equal(shop, alert.GetProperty("evidence").Str("accountId"));
        var connection = await ConnectionHarness.ConnectionAsync(client, SalesChannel.Shopify, shop);
        Assert.Equal("NeedsReauthorisation", connection.Str("status"));
        Assert.Contains("invalid_grant", connection.Str("revokedReason"), StringComparison.Ordinal);
    }

    /// <summary>
    /// The revocation is stored, then raising its alert fails (the alerts store unavailable a moment): the next instance to
    /// read the revoked grant must raise it, or the data owner never learns the account must be connected again.
    /// </summary>
    [Fact]
    public async Task RevokedGrant_RaisingItsAlertFailsOnce_AnotherInstanceRaisesItOnce()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var failing = harness.Instance(services => services.Replace(
            ServiceDescriptor.Singleton<IAlertRaiser>(sp => new FirstAlertRaiseFails(sp.GetRequiredService<AlertRaiser>()))));
        var other = harness.Instance();
        using var client = ConnectionHarness.Client(other);
        var shop = ConnectionHarness.NewShop();
        harness.Stub.Tokens.SetAccessTokenLifetime(SalesChannel.Shopify, ShortLifetime);
        await ConnectionHarness.ConnectAsync(client, "shopify", new { shop });
        var account = new ChannelAccount("acme", SalesChannel.Shopify, shop);
        var connected = (await ConnectionHarness.TokenService(failing).GetAsync(account, Token))!;
        harness.Stub.Tokens.Revoke(SalesChannel.Shopify, shop);
        await ConnectionHarness.WaitUntilDueAsync(connected);
        await Assert.ThrowsAsync<ChannelAuthorizationRevokedException>(async () => await ConnectionHarness.TokenService(failing).GetAsync(account, Token));
        Assert.Empty(await AlertsAsync(client));

        for (var round = 0; round < 2; round++)
        {
            await Assert.ThrowsAsync<ChannelAuthorizationRevokedException>(async () => await ConnectionHarness.TokenService(other).GetAsync(account, Token));
        }

        var alert = Assert.Single(await AlertsAsync(client));
        Assert.Equal((1, "Open"), (alert.Number("occurrences"), alert.Str("state")));
        Assert.Equal(2, harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, shop));
    }

    [Fact]
    public async Task RevokedAccountConnectedAgain_TokensWorkAndTheAlertIsResolved()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var instance = harness.Instance();
        using var client = ConnectionHarness.Client(instance);
        var shop = ConnectionHarness.NewShop();
        harness.Stub.Tokens.SetAccessTokenLifetime(SalesChannel.Shopify, ShortLifetime);
        await ConnectionHarness.ConnectAsync(client, "shopify", new { shop });
        var account = new ChannelAccount("acme", SalesChannel.Shopify, shop);
        var service = ConnectionHarness.TokenService(instance);
        var connected = (await service.GetAsync(account, Token))!;
        harness.Stub.Tokens.Revoke(SalesChannel.Shopify, shop);
        await ConnectionHarness.WaitUntilDueAsync(connected);
        await Assert.ThrowsAsync<ChannelAuthorizationRevokedException>(async () => await service.GetAsync(account, Token));

        harness.Stub.Tokens.SetAccessTokenLifetime(SalesChannel.Shopify, TimeSpan.FromHours(1));
        var reconnected = await ConnectionHarness.ConnectAsync(client, "shopify", new { shop });

        Assert.Equal("Connected", reconnected.Str("status"));
        var token = (await service.GetAsync(account, Token))!;
        Assert.True(harness.Stub.Tokens.IsValid(SalesChannel.Shopify, token.Value));
        Assert.Equal("Resolved", Assert.Single(await AlertsAsync(client)).Str("state"));
    }

    [Fact]
    public async Task ShopReinstalledThroughOneInstance_TheOtherInstanceStopsSendingTheTokenItHeldAndSendsTheNewOne()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var first = harness.Instance();
        var second = harness.Instance();
        using var client = ConnectionHarness.Client(first);
        var shop = ConnectionHarness.NewShop();
        await ConnectionHarness.ConnectAsync(client, "shopify", new { shop });
        var account = new ChannelAccount("acme", SalesChannel.Shopify, shop);
        var held = (await ConnectionHarness.TokenService(second).GetAsync(account, Token))!;

        // The merchant uninstalls the app (Shopify revokes its tokens at once) and installs it again through the first instance.
        harness.Stub.Tokens.RevokeAccessTokens(SalesChannel.Shopify, shop);
        await ConnectionHarness.ConnectAsync(client, "shopify", new { shop });
        await second.Services.GetRequiredService<RegistryLoader>().ReloadAsync("the change feed's next poll", Token);

        var sent = (await ConnectionHarness.TokenService(second).GetAsync(account, Token))!;
        Assert.NotEqual(held.Value, sent.Value);
        Assert.True(harness.Stub.Tokens.IsValid(SalesChannel.Shopify, sent.Value));
    }

    [Fact]
    public async Task ShopReinstalledWhileThisInstanceReadsItsToken_ACallerAfterTheRegistryChangeGetsTheNewToken()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var first = harness.Instance();
        HeldTokenRead? slowStore = null;
        var second = harness.Instance(services => services.AddSingleton<IChannelTokenStore>(sp =>
            slowStore = new HeldTokenRead(ActivatorUtilities.CreateInstance<CosmosChannelTokenStore>(sp))));
        using var client = ConnectionHarness.Client(first);
        var shop = ConnectionHarness.NewShop();
        await ConnectionHarness.ConnectAsync(client, "shopify", new { shop });
        var account = new ChannelAccount("acme", SalesChannel.Shopify, shop);
        var tokens = ConnectionHarness.TokenService(second);
        var held = (await tokens.GetAsync(account, Token))!;

        // A read of the second instance (a backstop poll, say) fetches the old token just before the merchant reinstalls
        // the app through the first instance; its answer arrives after the second instance has seen the registry change.
        tokens.Forget(account);
        slowStore!.HoldNextRead(shop);
        var early = tokens.GetAsync(account, Token).AsTask();
        await slowStore.Read.WaitAsync(TimeSpan.FromSeconds(30), Token);
        harness.Stub.Tokens.RevokeAccessTokens(SalesChannel.Shopify, shop);
        await ConnectionHarness.ConnectAsync(client, "shopify", new { shop });
        await second.Services.GetRequiredService<RegistryLoader>().ReloadAsync("the change feed's next poll", Token);
        var late = tokens.GetAsync(account, Token).AsTask();
        slowStore.Release();

        Assert.Equal(held.Value, (await early)!.Value);
        var sent = (await late)!;
        Assert.NotEqual(held.Value, sent.Value);
        Assert.True(harness.Stub.Tokens.IsValid(SalesChannel.Shopify, sent.Value));
    }

    private static async Task<Exception?> Outcome(ChannelTokenService service, ChannelAccount account)
    {
        try
        {
            await service.GetAsync(account, Token);
            return null;
        }
        catch (ChannelApiException e)
        {
            return e;
        }
    }

    private static async Task<System.Text.Json.JsonElement[]> AlertsAsync(HttpClient client) =>
        [.. Json.Parse(await client.GetStringAsync("api/brands/acme/alerts?kind=channel-authorization-revoked", Token)).Items()];
}
