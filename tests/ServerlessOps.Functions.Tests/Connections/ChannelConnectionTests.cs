using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Admin;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Connections;

/// <summary>
/// Amazon's LWA consent, TikTok Shop's authorisation and Walmart's client credentials: each connects the scenario's
/// account, drops the access token entered by hand, and the order readers then work with the tokens obtained (the stub
/// accepts an issued token until it expires), which proves they are used.
/// </summary>
public sealed class ChannelConnectionTests(FunctionAppFixture fixture)
{
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AmazonConsent_SellerApproves_ConnectedAndOrdersAreReReadWithTheLwaToken()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture, runTriggers: true);
        var instance = harness.Instance();
        using var app = new AppClient(instance.CreateClient());

        var connection = await ConnectionHarness.ConnectAsync(app.Http, "amazon", new { sellingPartnerId = Accounts.AmazonSellerId });

        Assert.Equal((Accounts.AmazonSellerId, "Connected", "RefreshToken"), (connection.Str("accountId"), connection.Str("status"), connection.Str("grant")));
        Assert.False(await HasEnteredAccessTokenAsync(app.Http, "amazon", Accounts.AmazonSellerId));
        var orderId = Deliveries.NewAmazonOrderId();
        Deliveries.PutAmazonOrder(harness.Stub, orderId, 42.50m);
        var notificationId = Deliveries.NewId();
        var ack = await app.SendAcceptedAsync(Deliveries.Amazon(Deliveries.AmazonOrderChange(orderId, notificationId, Deliveries.AmazonShape.EventBridge), notificationId));
        Assert.Equal("Applied", (await app.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        Assert.Equal(42.50m, (await app.WaitForOrderAsync($"amazon:{orderId}")).GetProperty("order").Dec("total"));
    }

    [Fact]
    public async Task AmazonCallback_NoCodeOrStateNotOurs_Refused400ProblemWithoutCallingLwa()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());
        var callback = await ConnectionHarness.ApproveAsync(
            await ConnectionHarness.StartAsync(client, "amazon", new { sellingPartnerId = Accounts.AmazonSellerId }));
        var query = QueryHelpers.ParseQuery(callback.Query);

        using (var noCode = await client.GetAsync($"api/connect/amazon/callback?state={Uri.EscapeDataString(query["state"]!)}&selling_partner_id={Accounts.AmazonSellerId}", Token))
        {
            await Problem.AssertAsync(noCode, HttpStatusCode.BadRequest);
        }

        using (var forged = await client.GetAsync(
            $"api/connect/amazon/callback?state=AAAAAAAAAAAAAAAAAAAAAAAA.x&selling_partner_id={Accounts.AmazonSellerId}&spapi_oauth_code={Uri.EscapeDataString(query["spapi_oauth_code"]!)}", Token))
        {
            await Problem.AssertOfTypeAsync(forged, HttpStatusCode.BadRequest, "authorization-state-invalid");
        }

        Assert.Equal(0, harness.Stub.Tokens.TokenCalls(SalesChannel.Amazon, Accounts.AmazonSellerId));
    }

    /// <summary>
    /// The admin named the seller; the callback says another (a consent link completed by another seller, or a callback
    /// whose selling_partner_id was edited): that seller must not be attached to the brand, and no code exchanged.
    /// </summary>
    [Fact]
    public async Task AmazonCallback_SellerOtherThanTheOneNamedAtStart_Refused400WithoutCallingLwaOrRegisteringIt()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());
        var callback = await ConnectionHarness.ApproveAsync(
            await ConnectionHarness.StartAsync(client, "amazon", new { sellingPartnerId = Accounts.AmazonSellerId }));
        var forged = callback.PathAndQuery.Replace(
            $"selling_partner_id={Accounts.AmazonSellerId}", "selling_partner_id=AFORGEDSELLER1", StringComparison.Ordinal);
        Assert.NotEqual(callback.PathAndQuery, forged);

        using (var refused = await client.GetAsync(forged, Token))
        {
            await Problem.AssertOfTypeAsync(refused, HttpStatusCode.BadRequest, "authorization-state-invalid");
        }

        Assert.Equal(0, harness.Stub.Tokens.TokenCalls(SalesChannel.Amazon, Accounts.AmazonSellerId));
        using var account = await client.GetAsync("api/brands/acme/accounts/amazon/AFORGEDSELLER1", Token);
        Assert.Equal(HttpStatusCode.NotFound, account.StatusCode);
    }

    /// <summary>
    /// Amazon's callback names the seller in its query and LWA's token answer does not, so a start that names no seller
    /// would have the callback attach whichever seller it names to the brand: the start must name it, and nothing is issued.
    /// </summary>
    [Fact]
    public async Task StartAmazonConnection_WithoutSellingPartnerId_Refused400NamingTheField()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());

        using var response = await client.PostAsJsonAsync(
            "api/brands/acme/connections/amazon", new { webhookSecret = new { value = "eventbridge-credential" } }, Token);

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.BadRequest, "invalid-body", "sellingPartnerId");
    }

    [Fact]
    public async Task TikTokShopAuthorisation_SellerApproves_ShopConnectedWithItsCipherAndOrdersReadWithTheObtainedToken()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture, runTriggers: true);
        var instance = harness.Instance();
        using var app = new AppClient(instance.CreateClient());

        var connection = await ConnectionHarness.ConnectAsync(app.Http, "tiktok", new { });

        Assert.Equal((Accounts.TikTokShopId, "Connected"), (connection.Str("accountId"), connection.Str("status")));
        Assert.False(await HasEnteredAccessTokenAsync(app.Http, "tiktok", Accounts.TikTokShopId));
        var orderId = Deliveries.NewTikTokOrderId();
        harness.Stub.PutTikTokOrder(orderId, Deliveries.TikTokOrder(orderId));
        var notificationId = Deliveries.Digits(19);
        var ack = await app.SendAcceptedAsync(Deliveries.TikTok(Deliveries.TikTokStatusChange(orderId, notificationId), notificationId));
        Assert.Equal("Applied", (await app.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
    }

    [Fact]
    public async Task TikTokShopCallback_AnotherAppsKeyOrNoCode_Refused400Problem()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());
        var callback = await ConnectionHarness.ApproveAsync(await ConnectionHarness.StartAsync(client, "tiktok", new { }));
        var query = QueryHelpers.ParseQuery(callback.Query);

        using (var otherApp = await client.GetAsync($"api/connect/tiktok/callback?app_key=someone-else&code={query["code"]}&state={Uri.EscapeDataString(query["state"]!)}", Token))
        {
            await Problem.AssertOfTypeAsync(otherApp, HttpStatusCode.BadRequest, "invalid-parameter", "someone-else");
        }

        using (var noCode = await client.GetAsync($"api/connect/tiktok/callback?state={Uri.EscapeDataString(query["state"]!)}", Token))
        {
            await Problem.AssertOfTypeAsync(noCode, HttpStatusCode.BadRequest, "invalid-parameter", "code");
        }

        using var genuine = await ConnectionHarness.FollowAsync(client, callback);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task WalmartClientCredentials_Verified_ConnectedTokenReusedAndOrdersReadWithIt()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture, runTriggers: true);
        var instance = harness.Instance();
        using var app = new AppClient(instance.CreateClient());
        harness.Stub.Tokens.RegisterWalmartClient(Accounts.WalmartPartnerId, "wm-client-id-0001", "wm-client-secret-0001");
        await EnterWalmartClientAsync(app.Http, "wm-client-id-0001", "wm-client-secret-0001");

        using var verified = await app.Http.PostAsync($"api/brands/acme/connections/walmart/{Accounts.WalmartPartnerId}/verify", null, Token);

        var connection = Json.Parse(await verified.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(("Connected", "ClientCredentials"), (connection.Str("status"), connection.Str("grant")));
        Assert.InRange(connection.Time("accessTokenExpiresAt") - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
        Assert.False(await HasEnteredAccessTokenAsync(app.Http, "walmart", Accounts.WalmartPartnerId));
        for (var i = 0; i < 2; i++)
        {
            var purchaseOrderId = Deliveries.NewWalmartPurchaseOrderId();
            harness.Stub.PutWalmartOrder(purchaseOrderId, Deliveries.WalmartOrder(purchaseOrderId));
            var eventId = Deliveries.NewId();
            var ack = await app.SendAcceptedAsync(Deliveries.Walmart(Deliveries.WalmartPoCreated(purchaseOrderId, eventId), eventId));
            Assert.Equal("Applied", (await app.WaitForEventAsync(ack.DeliveryKey)).Str("outcome"));
        }

        // The verification's token serves both reads: 15 minutes, refreshed 1 s before they end.
        Assert.Equal(1, harness.Stub.Tokens.TokenCalls(SalesChannel.Walmart, Accounts.WalmartPartnerId));
    }

    [Fact]
    public async Task WalmartClientSecretWrong_Verify_400ProblemAccountNeedsReauthorisationAndOwnerAlerted()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());
        harness.Stub.Tokens.RegisterWalmartClient(Accounts.WalmartPartnerId, "wm-client-id-0002", "the-real-secret");
        await EnterWalmartClientAsync(client, "wm-client-id-0002", "a-mistyped-secret");

        using var refused = await client.PostAsync($"api/brands/acme/connections/walmart/{Accounts.WalmartPartnerId}/verify", null, Token);

        await Problem.AssertOfTypeAsync(refused, HttpStatusCode.BadRequest, "authorization-refused", "client id");
        Assert.DoesNotContain("a-mistyped-secret", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal("NeedsReauthorisation", (await ConnectionHarness.ConnectionAsync(client, SalesChannel.Walmart, Accounts.WalmartPartnerId)).Str("status"));
        var alerts = Json.Parse(await client.GetStringAsync("api/brands/acme/alerts?kind=channel-authorization-revoked", Token)).Items();
        Assert.Equal(Accounts.WalmartPartnerId, Assert.Single(alerts).GetProperty("evidence").Str("accountId"));

        // Mended: the right secret entered and verified again connects it.
        await EnterWalmartClientAsync(client, "wm-client-id-0002", "the-real-secret");
        using var verified = await client.PostAsync($"api/brands/acme/connections/walmart/{Accounts.WalmartPartnerId}/verify", null, Token);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    [Fact]
    public async Task WalmartVerify_NoClientCredentialsOrUnknownAccount_ProblemJson()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());

        using (var missing = await client.PostAsync($"api/brands/acme/connections/walmart/{Accounts.WalmartPartnerId}/verify", null, Token))
        {
            await Problem.AssertOfTypeAsync(missing, HttpStatusCode.BadRequest, "invalid-parameter", "client-id");
        }

        using var unknown = await client.PostAsync("api/brands/acme/connections/walmart/99999999999/verify", null, Token);
        await Problem.AssertOfTypeAsync(unknown, HttpStatusCode.NotFound, "not-found", "99999999999");
    }

    /// <summary>The admin enters the seller's Walmart client id and secret on the scenario's account.</summary>
    private static async Task EnterWalmartClientAsync(HttpClient client, string clientId, string clientSecret)
    {
        var api = new AdminApi(client);
        var path = $"api/brands/acme/accounts/walmart/{Accounts.WalmartPartnerId}";
        var current = (await api.GetAsync(path)).Expect(HttpStatusCode.OK);
        (await api.PutAsync(path, new { secrets = new { clientId = new { value = clientId }, clientSecret = new { value = clientSecret } } }, current.ETag))
            .Expect(HttpStatusCode.OK);
    }

    private static async Task<bool> HasEnteredAccessTokenAsync(HttpClient client, string channel, string accountId)
    {
        var account = Json.Parse(await client.GetStringAsync($"api/brands/acme/accounts/{channel}/{accountId}", Token));
        return account.TryGetProperty("secrets", out var secrets) && secrets.TryGetProperty("accessToken", out var token)
            && token.ValueKind != System.Text.Json.JsonValueKind.Null;
    }
}
