using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Functions.Tests.Admin;

/// <summary>
/// Channel accounts through the admin API, and what the webhook edge makes of them: a new account accepted by another
/// instance without a restart, a disconnected one refused, a rotation accepting both secrets until the previous is
/// dropped, Walmart's mandatory WM_SEC.SIGNATURE; and no secret in any answer or log.
/// </summary>
public sealed class ChannelAccountAdminTests(FunctionAppFixture fixture)
{
    private const string ShopPath = "api/brands/acme/accounts/shopify/acme-outfitters.myshopify.com";
    private static readonly ScenarioAccounts Acme = ScenarioAccounts.Default;

    [Fact]
    public async Task AccountAddedThroughTheApi_IsAcceptedByAnotherInstanceWithinSeconds_WithoutARestart()
    {
        await using var admin = TestApp.Start(fixture, TestApp.TriggersOff());
        // The same stores and registry; a task hub of its own, since two engines starting one hub at once trip Azurite.
        await using var edge = new FunctionAppFactory(new Dictionary<string, string>(admin.Factory.Settings) { ["DurableTaskHubName"] = admin.Factory.Settings["DurableTaskHubName"] + "edge" });
        using var edgeClient = new AppClient(edge.CreateClient());
        var beta = Acme with { ShopifyShopDomain = "acme-beta.myshopify.com", ShopifySecret = "beta-shop-app-secret-5521" };
        var webhook = Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", accounts: beta);
        using (var before = await edgeClient.SendAsync(webhook))
        {
            Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        }

        (await new AdminApi(admin.Client.Http).PutAsync("api/brands/acme/accounts/shopify/acme-beta.myshopify.com", new
        {
            secrets = new { appSecret = new { value = beta.ShopifySecret } },
        })).Expect(HttpStatusCode.Created);

        var accepted = await Poll.UntilAsync(
            async _ =>
            {
                using var response = await edgeClient.SendAsync(webhook);
                return response.StatusCode == HttpStatusCode.OK ? "accepted" : null;
            },
            "the other instance's edge to accept the new account",
            TimeSpan.FromSeconds(15));
        Assert.Equal("accepted", accepted);
    }

    [Fact]
    public async Task DisconnectedAccount_IsRefusedAtTheEdge()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);

        var disconnected = (await api.PostAsync($"{ShopPath}/disconnect", null)).Expect(HttpStatusCode.OK);
        using var response = await app.Client.SendAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));

        Assert.Equal("Disconnected", disconnected.Json.Str("status"));
        await Problem.AssertOfTypeAsync(response, HttpStatusCode.Forbidden, "account-disconnected", "disconnected");
        var audit = (await api.GetAsync("api/brands/acme/audit")).Json.Items();
        Assert.Equal(("disconnected", "local-operator"), (audit[0].Str("action"), audit[0].Str("actor")));
    }

    [Fact]
    public async Task DisconnectedAccount_HasItsOpenAccountAlertsResolved_AndOtherAccountsKeepTheirs()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var raiser = app.Services.GetRequiredService<IAlertRaiser>();
        var shop = AlertSubject.ChannelAccount(SalesChannel.Shopify, Acme.AccountId(SalesChannel.Shopify));
        var walmart = AlertSubject.ChannelAccount(SalesChannel.Walmart, Acme.AccountId(SalesChannel.Walmart));
        foreach (var (kind, subject) in new[] { (AlertKind.WebhooksStopped, shop), (AlertKind.ChannelAuthorizationRevoked, shop), (AlertKind.WebhooksStopped, walmart) })
        {
            await raiser.RaiseAsync(new AlertRaise("acme", kind, subject, $"{kind} of {subject.Id}"), TestContext.Current.CancellationToken);
        }

        (await new AdminApi(app.Client.Http).PostAsync($"{ShopPath}/disconnect", null)).Expect(HttpStatusCode.OK);

        var alerts = await app.Services.GetRequiredService<IAlertStore>().ListAsync("acme", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(
            [(AlertKind.ChannelAuthorizationRevoked, shop.Id, false), (AlertKind.WebhooksStopped, shop.Id, false), (AlertKind.WebhooksStopped, walmart.Id, true)],
            alerts.Select(a => (a.Kind, a.Subject.Id, a.IsUnresolved)).OrderBy(a => a.Kind.ToString(), StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal));
        Assert.All(alerts.Where(a => !a.IsUnresolved), a => Assert.Contains("disconnected by", a.Resolution, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RotatedSecret_BothAcceptedUntilThePreviousIsDropped_AndNoSecretInAnyAnswerOrLog()
    {
        const string NewSecret = "rotated-shopify-app-secret-7781";
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);
        var rotatedAccounts = Acme with { ShopifySecret = NewSecret };
        var account = (await api.GetAsync(ShopPath)).Expect(HttpStatusCode.OK);

        (await api.PostAsync($"{ShopPath}/secrets/app-secret/rotate", new { value = NewSecret })).ExpectProblem(HttpStatusCode.PreconditionRequired, "precondition-required");
        var rotated = (await api.PostAsync($"{ShopPath}/secrets/app-secret/rotate", new { value = NewSecret }, account.ETag)).Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, await SendShopifyAsync(app, Acme));
        Assert.Equal(HttpStatusCode.OK, await SendShopifyAsync(app, rotatedAccounts));

        (await api.DeleteAsync($"{ShopPath}/secrets/app-secret/previous", rotated.ETag)).Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, await SendShopifyAsync(app, Acme));
        Assert.Equal(HttpStatusCode.OK, await SendShopifyAsync(app, rotatedAccounts));

        var secret = rotated.Json.GetProperty("secrets").GetProperty("appSecret");
        Assert.Equal("Local", secret.GetProperty("current").Str("source"));
        Assert.Equal("Local", secret.GetProperty("previous").Str("source"));
        api.Bodies.Add((await api.GetAsync("api/brands/acme/audit")).Body);
        api.Bodies.Add((await api.GetAsync("api/brands/acme/accounts")).Body);
        string[] secrets = [NewSecret, Acme.ShopifySecret, Acme.AmazonSecret, Acme.WalmartSecret, Acme.TikTokAppSecret, Acme.AmazonAccessToken, Acme.TikTokAccessToken];
        Assert.All(api.Bodies, body => Assert.DoesNotContain(secrets, s => body.Contains(s, StringComparison.Ordinal)));
        foreach (var record in app.Services.GetFakeLogCollector().GetSnapshot())
        {
            var text = string.Join('\n', record.Message, record.Exception?.ToString() ?? string.Empty, string.Join('\n', record.StructuredState?.Select(p => p.Value) ?? []));
            Assert.True(!secrets.Any(s => text.Contains(s, StringComparison.Ordinal)), $"Log record {record.Category}/{record.Id} contains a secret: {record.Message}");
        }
    }

    [Fact]
    public async Task Walmart_WithMandatorySignature_RefusesAnUnsignedDelivery()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);
        var eventId = Deliveries.NewId();
        var webhook = Deliveries.Walmart(Deliveries.WalmartPoCreated(Deliveries.NewWalmartPurchaseOrderId(), eventId), eventId);
        var account = (await api.GetAsync("api/brands/acme/accounts/walmart/10001234567")).Expect(HttpStatusCode.OK);
        using (var before = await app.Client.SendAsync(webhook))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        (await api.PutAsync("api/brands/acme/accounts/walmart/10001234567", new
        {
            webhook = new { authMethod = "Header", credentialHeader = Acme.WalmartCredentialHeader, requireSignature = true },
            secrets = new { signatureSecret = new { value = "wm-sec-signing-secret-0042" } },
        }, account.ETag)).Expect(HttpStatusCode.OK);
        using var after = await app.Client.SendAsync(webhook);

        await Problem.AssertOfTypeAsync(after, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task PutAccount_BadInput_IsAProblemNamingTheField()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);

        var channel = (await api.PutAsync("api/brands/acme/accounts/ebay/some-seller", new { })).ExpectProblem(HttpStatusCode.BadRequest, "invalid-body");
        var missingSecret = (await api.PutAsync("api/brands/acme/accounts/shopify/new-shop.myshopify.com", new { status = "Connected" })).ExpectProblem(HttpStatusCode.BadRequest, "invalid-body");
        var badVault = (await api.PutAsync("api/brands/acme/accounts/amazon/A3NEWSELLER", new
        {
            secrets = new { webhookSecret = new { keyVaultUri = "https://example.com/not-a-vault" } },
        })).ExpectProblem(HttpStatusCode.BadRequest, "invalid-body");
        var tiktokKey = (await api.PutAsync("api/brands/acme/accounts/tiktok/7490000000000000009", new
        {
            secrets = new { appSecret = new { value = "tts-secret" } },
        })).ExpectProblem(HttpStatusCode.BadRequest, "invalid-body");
        var existing = (await api.PutAsync(ShopPath, new { status = "NeedsReauthorisation" })).ExpectProblem(HttpStatusCode.PreconditionRequired, "precondition-required");

        Assert.Equal(["channel"], channel);
        Assert.Equal(["secrets.appSecret"], missingSecret);
        Assert.Equal(["secrets.webhookSecret.current"], badVault);
        Assert.Equal(["webhook.appKey"], tiktokKey);
        Assert.Empty(existing);
    }

    [Fact]
    public async Task PutAccount_OfAnotherBrand_Is409AndKeepsIt()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);
        (await api.PostAsync("api/brands", new
        {
            id = "globex", displayName = "Globex", baseCurrency = "USD", timeZone = "America/Chicago", owners = new { @default = "ops@globex.example" },
        })).Expect(HttpStatusCode.Created);

        var taken = await api.PutAsync("api/brands/globex/accounts/shopify/acme-outfitters.myshopify.com", new
        {
            secrets = new { appSecret = new { value = "globex-wants-this-shop" } },
        });

        taken.ExpectProblem(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(HttpStatusCode.OK, await SendShopifyAsync(app, Acme));
    }

    private static async Task<HttpStatusCode> SendShopifyAsync(TestApp app, ScenarioAccounts accounts)
    {
        using var response = await app.Client.SendAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", accounts: accounts));
        return response.StatusCode;
    }
}
