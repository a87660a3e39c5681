using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Shopify;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Connections;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Tokens;
using ServerlessOps.Testing.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Connections;

/// <summary>
/// Connecting a Shopify shop: the install as Shopify runs it (app URL, authorise page, HMAC-signed callback with our
/// single-use state), expiring offline tokens stored, and every forged, stale or replayed callback refused with problem+json.
/// </summary>
public sealed class ShopifyConnectionTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShopifyInstall_MerchantApproves_ExpiringOfflineTokensStoredAndShopConnectedWithoutTokenInAnswersOrLogs()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var instance = harness.Instance();
        using var client = ConnectionHarness.Client(instance);
        var shop = ConnectionHarness.NewShop();

        var authorize = await ConnectionHarness.StartAsync(client, "shopify", new { shop });
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(StubApps.Default.ShopifyClientId, query["client_id"].ToString());
        Assert.EndsWith("/api/connect/shopify/callback", query["redirect_uri"].ToString(), StringComparison.Ordinal);
        using var callback = await ConnectionHarness.FollowAsync(client, await ConnectionHarness.ApproveAsync(authorize));
        var body = await callback.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var connection = Json.Parse(body);
        Assert.Equal(("Connected", "RefreshToken", "local-operator"), (connection.Str("status"), connection.Str("grant"), connection.Str("connectedBy")));
        Assert.InRange(connection.Time("accessTokenExpiresAt") - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        var stored = (await instance.Services.GetRequiredService<IChannelTokenStore>().ReadAsync(SalesChannel.Shopify, shop, Token))!.Value;
        Assert.True(harness.Stub.Tokens.IsValid(SalesChannel.Shopify, stored.AccessToken));
        Assert.NotNull(stored.RefreshToken);
        var account = await client.GetStringAsync($"api/brands/acme/accounts/shopify/{shop}", Token);
        Assert.Equal("Connected", Json.Parse(account).Str("status"));
        var logs = instance.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, l => l.Message.Contains(shop, StringComparison.Ordinal));
        foreach (var secret in new[] { stored.AccessToken!, stored.RefreshToken!, StubApps.Default.ShopifyClientSecret })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, account, StringComparison.Ordinal);
            Assert.DoesNotContain(logs, l => l.Message.Contains(secret, StringComparison.Ordinal) || (l.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false));
        }
    }

    [Fact]
    public async Task ShopifyCallback_HmacTampered_Refused401AndTheGenuineCallbackStillConnects()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());
        var shop = ConnectionHarness.NewShop();
        var callback = await ConnectionHarness.ApproveAsync(await ConnectionHarness.StartAsync(client, "shopify", new { shop }));

        var forged = Rebuild(callback, p => p.Key == "hmac" ? new(p.Key, new string('0', 64)) : p, resign: false);
        using (var refused = await ConnectionHarness.FollowAsync(client, forged))
        {
            await Problem.AssertOfTypeAsync(refused, HttpStatusCode.Unauthorized, "authorization-signature-invalid");
        }

        var signedWithAnotherSecret = Rebuild(callback, p => p, resign: true, secret: "not-the-app-secret");
        using (var refused = await ConnectionHarness.FollowAsync(client, signedWithAnotherSecret))
        {
            await Problem.AssertOfTypeAsync(refused, HttpStatusCode.Unauthorized, "authorization-signature-invalid");
        }

        Assert.Equal(0, harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, shop));
        using var genuine = await ConnectionHarness.FollowAsync(client, callback);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task ShopifyCallback_Replayed_SecondRefused400AndTheCodeIsExchangedOnce()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());
        var shop = ConnectionHarness.NewShop();
        var callback = await ConnectionHarness.ApproveAsync(await ConnectionHarness.StartAsync(client, "shopify", new { shop }));
        using (var first = await ConnectionHarness.FollowAsync(client, callback))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var replay = await ConnectionHarness.FollowAsync(client, callback);

        await Problem.AssertOfTypeAsync(replay, HttpStatusCode.BadRequest, "authorization-state-invalid", "already used");
        Assert.Equal(1, harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, shop));
    }

    [Fact]
    public async Task ShopifyCallback_StateForgedOrForAnotherShopOrMissing_Refused400WithoutCallingShopify()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());
        var shop = ConnectionHarness.NewShop();
        var callback = await ConnectionHarness.ApproveAsync(await ConnectionHarness.StartAsync(client, "shopify", new { shop }));
        var state = QueryHelpers.ParseQuery(callback.Query)["state"].ToString();
        var other = ConnectionHarness.NewShop();

        // Shopify signs whatever query it sends, so each of these carries a valid HMAC: the state alone must refuse it.
        var cases = new (Uri Callback, string Detail)[]
        {
            (Rebuild(callback, p => p.Key == "state" ? new(p.Key, "AAAAAAAAAAAAAAAAAAAAAAAA." + new string('A', 43)) : p), "not issued by this app"),
            (Rebuild(callback, p => p.Key == "state" ? new(p.Key, state[..^2] + (state[^2..] == "AA" ? "BB" : "AA")) : p), "signature does not match"),
            (Rebuild(callback, p => p.Key == "state" ? new(p.Key, "garbage") : p), "malformed"),
            (Rebuild(callback, p => p.Key == "shop" ? new(p.Key, other) : p), other),
            (Rebuild(callback, p => p, drop: "state"), "missing"),
        };
        foreach (var (forged, detail) in cases)
        {
            using var refused = await ConnectionHarness.FollowAsync(client, forged);
            await Problem.AssertOfTypeAsync(refused, HttpStatusCode.BadRequest, "authorization-state-invalid", detail);
        }

        Assert.Equal(0, harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, shop) + harness.Stub.Tokens.TokenCalls(SalesChannel.Shopify, other));
    }

    [Fact]
    public async Task ShopifyCallback_StateExpired_Refused400()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var instance = harness.Instance(services => services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ConnectionStateStore>(sp, (TimeProvider)clock)));
        using var client = ConnectionHarness.Client(instance);
        var shop = ConnectionHarness.NewShop();
        var callback = await ConnectionHarness.ApproveAsync(await ConnectionHarness.StartAsync(client, "shopify", new { shop }));

        clock.Advance(TimeSpan.FromMinutes(16));
        using var refused = await ConnectionHarness.FollowAsync(client, callback);

        await Problem.AssertOfTypeAsync(refused, HttpStatusCode.BadRequest, "authorization-state-invalid", "expired");
    }

    [Fact]
    public async Task ConnectionStart_StateAndInstallRecord_ExpireFromTheStoreADayAfterTheirLifetime()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var instance = harness.Instance();
        using var client = ConnectionHarness.Client(instance);
        var shop = ConnectionHarness.NewShop();

        var authorize = await ConnectionHarness.StartAsync(client, "shopify", new { shop });

        var nonce = QueryHelpers.ParseQuery(authorize.Query)["state"].ToString().Split('.')[0];
        var tokens = instance.Services.GetRequiredService<CosmosContainers>().ChannelTokens;
        var lifetime = instance.Services.GetRequiredService<IOptions<ChannelAppOptions>>().Value.StateLifetime;
        var expected = (int)Math.Ceiling((lifetime + TimeSpan.FromDays(1)).TotalSeconds);
        var state = await tokens.ReadItemAsync<JsonElement>(ConnectionStateDocument.DocumentId(nonce), new PartitionKey(ConnectionStateDocument.DocumentId(nonce)), cancellationToken: Token);
        Assert.Equal(expected, state.Resource.GetProperty("ttl").GetInt32());
        var install = await tokens.ReadItemAsync<JsonElement>(ShopifyInstallDocument.DocumentId(shop), new PartitionKey(ShopifyInstallDocument.DocumentId(shop)), cancellationToken: Token);
        Assert.InRange(install.Resource.GetProperty("ttl").GetInt32(), expected - 5, expected);
    }

    [Fact]
    public async Task ShopifyCallback_SignedTimestampOutsideTheWindow_Refused401()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());
        var callback = await ConnectionHarness.ApproveAsync(await ConnectionHarness.StartAsync(client, "shopify", new { shop = ConnectionHarness.NewShop() }));
        var old = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var refused = await ConnectionHarness.FollowAsync(client, Rebuild(callback, p => p.Key == "timestamp" ? new(p.Key, old) : p));

        await Problem.AssertOfTypeAsync(refused, HttpStatusCode.Unauthorized, "authorization-signature-invalid", "timestamp");
    }

    [Fact]
    public async Task ShopifyAppUrl_SignedLaunch_RedirectsToAuthorisePageOnlyForAShopAnAdminStarted()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());
        var started = ConnectionHarness.NewShop();
        await ConnectionHarness.StartAsync(client, "shopify", new { shop = started });

        using var launch = await client.GetAsync($"api/connect/shopify?{harness.Stub.ShopifyLaunchQuery(started)}", Token);
        Assert.Equal(HttpStatusCode.Found, launch.StatusCode);
        Assert.StartsWith(new Uri(harness.Stub.BaseUrl, $"shops/{started}/admin/oauth/authorize?").ToString(), launch.Headers.Location!.ToString(), StringComparison.Ordinal);

        var stranger = ConnectionHarness.NewShop();
        using var unknown = await client.GetAsync($"api/connect/shopify?{harness.Stub.ShopifyLaunchQuery(stranger)}", Token);
        await Problem.AssertOfTypeAsync(unknown, HttpStatusCode.Forbidden, "unknown-account", stranger);

        using var forged = await client.GetAsync($"api/connect/shopify?{harness.Stub.ShopifyLaunchQuery(started, clientSecret: "not-the-app-secret")}", Token);
        await Problem.AssertOfTypeAsync(forged, HttpStatusCode.Unauthorized, "authorization-signature-invalid");
    }

    [Fact]
    public async Task StartConnection_BadRequests_AnswerProblemJsonNamingWhatIsWrong()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());

        using (var noShop = await client.PostAsJsonAsync("api/brands/acme/connections/shopify", new { }, Token))
        {
            await Problem.AssertAsync(noShop, HttpStatusCode.BadRequest);
            Assert.Contains("shop", await noShop.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        using (var notAShop = await client.PostAsJsonAsync("api/brands/acme/connections/shopify", new { shop = "evil.example.com" }, Token))
        {
            Assert.Contains("myshopify.com", await notAShop.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
            await Problem.AssertAsync(notAShop, HttpStatusCode.BadRequest);
        }

        using (var channel = await client.PostAsJsonAsync("api/brands/acme/connections/ebay", new { }, Token))
        {
            await Problem.AssertAsync(channel, HttpStatusCode.BadRequest);
        }

        using (var walmart = await client.PostAsJsonAsync("api/brands/acme/connections/walmart", new { }, Token))
        {
            await Problem.AssertOfTypeAsync(walmart, HttpStatusCode.BadRequest, "invalid-parameter", "client-id", "verify");
        }

        using (var amazon = await client.PostAsJsonAsync("api/brands/acme/connections/amazon", new { }, Token))
        {
            await Problem.AssertAsync(amazon, HttpStatusCode.BadRequest);
            Assert.Contains("webhookSecret", await amazon.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        using (var brand = await client.PostAsJsonAsync("api/brands/no-such-brand/connections/shopify", new { shop = ConnectionHarness.NewShop() }, Token))
        {
            await Problem.AssertOfTypeAsync(brand, HttpStatusCode.NotFound, "not-found", "no-such-brand");
        }

        using var malformed = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using (var json = await client.PostAsync("api/brands/acme/connections/shopify", malformed, Token))
        {
            await Problem.AssertAsync(json, HttpStatusCode.BadRequest);
        }

        using var anonymous = harness.Instance().CreateClient();
        using (var noKey = await anonymous.PostAsJsonAsync("api/brands/acme/connections/shopify", new { shop = ConnectionHarness.NewShop() }, Token))
        {
            await Problem.AssertAsync(noKey, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task StartConnection_ChannelAppNotConfigured_Answers409NamingTheSettings()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        using var refused = await app.Client.Http.PostAsJsonAsync("api/brands/acme/connections/shopify", new { shop = ConnectionHarness.NewShop() }, Token);

        await Problem.AssertOfTypeAsync(refused, HttpStatusCode.Conflict, "channel-app-not-configured", "ChannelApps:Shopify:ClientId");
    }

    /// <summary>The callback URL with its query changed as <paramref name="change"/> says, re-signed as Shopify would sign it.</summary>
    private static Uri Rebuild(
        Uri callback, Func<KeyValuePair<string, string>, KeyValuePair<string, string>> change, bool resign = true, string? secret = null, string? drop = null)
    {
        var parameters = QueryHelpers.ParseQuery(callback.Query)
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString()))
            .Where(p => p.Key != drop)
            .Select(change)
            .ToList();
        if (resign)
        {
            parameters.RemoveAll(p => p.Key == "hmac");
            parameters.Add(new("hmac", ShopifyQuerySignature.Compute(secret ?? StubApps.Default.ShopifyClientSecret, parameters)));
        }

        var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return new UriBuilder(callback) { Query = query }.Uri;
    }
}
