using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServerlessOps.Functions.Tests.Admin;
using ServerlessOps.Functions.Tests.Connections;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Functions.Tests.Access;

/// <summary>
/// Human actions through the app's routes, read back from <c>GET /api/brands/{brandId}/audit/actions?day=</c>: each leaves
/// exactly one entry naming who (the caller's name and roles) and what, a retried request none more, a refused one none.
/// </summary>
public sealed class HumanActionAuditTests(FunctionAppFixture fixture)
{
    private const string Operator = "local-operator";
    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StockAdjustment_SentTwiceWithOneKey_LeavesOneEntryPointingToTheLedgerEntry()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var body = new { kind = "receipt", location = "wh-east", quantity = 12, reason = "PO 77" };

        await AdjustAsync(app, "MUG-A1", "audit-key-1", body);
        await AdjustAsync(app, "MUG-A1", "audit-key-1", body);

        var entry = Assert.Single(await AuditAsync(app, "acme"));
        Assert.Equal(("stock-adjustment", "MUG-A1", Operator), (entry.Str("kind"), entry.Str("subject"), entry.Str("by")));
        Assert.Equal(["admin", "finance", "operations"], entry.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("inventoryLedger:Receipt|api:audit-key-1", entry.Str("reference"));
        Assert.Contains("12 at 'wh-east'", entry.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushPauseRetriedThenResume_LeavesOnePauseAndOneResume()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var control = $"api/brands/acme/accounts/shopify/{Accounts.ShopifyShopDomain}/pushes";

        await PostOkAsync(app, $"{control}/pause?reason=stocktake");
        await PostOkAsync(app, $"{control}/pause?reason=stocktake");
        await PostOkAsync(app, $"{control}/resume");

        var entries = await AuditAsync(app, "acme");
        Assert.Equal(["push-pause", "push-resume"], entries.Select(e => e.Str("kind")));
        Assert.All(entries, e => Assert.Equal(($"shopify/{Accounts.ShopifyShopDomain}", Operator), (e.Str("subject"), e.Str("by"))));
    }

    [Fact]
    public async Task SameImportPostedTwice_LeavesOneEntryPointingToTheImportRecord()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        const string File = "sku,title,category,currency,listPrice,map,shopifyInventoryItemId,shopifyLocationId\nAUD-1,Mug,Home,USD,12.00,9.99,5511,77\n";

        var first = await ImportAsync(app, File);
        var again = await ImportAsync(app, File);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first, again));
        var entry = Assert.Single(await AuditAsync(app, "acme"));
        Assert.Equal(("import", "catalog", Operator), (entry.Str("kind"), entry.Str("subject"), entry.Str("by")));
        Assert.StartsWith("catalog:import:catalog-", entry.Str("reference"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrandCreated_IsAuditedUnderTheNewBrand()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);

        (await api.PostAsync("api/brands", new
        {
            id = "initech",
            displayName = "Initech",
            baseCurrency = "USD",
            timeZone = "America/Chicago",
            goLive = "2026-11-01T00:00:00Z",
            owners = new { @default = "ops@initech.example" },
        })).Expect(HttpStatusCode.Created);

        var entry = Assert.Single(await AuditAsync(app, "initech"));
        Assert.Equal(("brand-create", string.Empty, Operator, "registry"), (entry.Str("kind"), entry.Str("subject"), entry.Str("by"), entry.Str("reference")));
        Assert.Empty(await AuditAsync(app, "acme"));
    }

    [Fact]
    public async Task BrandUpdatedTwiceWithinAMinute_LeavesTwoEntries_ItsRetryNone()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);
        var brand = (await api.GetAsync("api/brands/acme")).Expect(HttpStatusCode.OK);

        var renamed = (await api.PutAsync("api/brands/acme", new { displayName = "Acme Renamed" }, brand.ETag)).Expect(HttpStatusCode.OK);
        (await api.PutAsync("api/brands/acme", new { displayName = "Acme Renamed" }, brand.ETag)).Expect(HttpStatusCode.PreconditionFailed);
        (await api.PutAsync("api/brands/acme", new { displayName = Accounts.BrandDisplayName }, renamed.ETag)).Expect(HttpStatusCode.OK);

        var entries = await AuditAsync(app, "acme");
        Assert.Equal(["brand-update", "brand-update"], entries.Select(e => e.Str("kind")));
        Assert.All(entries, e => Assert.Equal(("updated", "registry", Operator), (e.Str("detail"), e.Str("reference"), e.Str("by"))));
    }

    [Fact]
    public async Task SecretRotatedTwiceWithinAMinute_LeavesTwoEntriesWithoutTheValues_ItsRetryNone()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);
        var path = $"api/brands/acme/accounts/shopify/{Accounts.ShopifyShopDomain}";
        var account = (await api.GetAsync(path)).Expect(HttpStatusCode.OK);

        var first = (await api.PostAsync($"{path}/secrets/app-secret/rotate", new { value = "audit-rotated-secret-one" }, account.ETag)).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"{path}/secrets/app-secret/rotate", new { value = "audit-rotated-secret-one" }, account.ETag)).Expect(HttpStatusCode.PreconditionFailed);
        (await api.PostAsync($"{path}/secrets/app-secret/rotate", new { value = "audit-rotated-secret-two" }, first.ETag)).Expect(HttpStatusCode.OK);

        var entries = await AuditAsync(app, "acme");
        Assert.Equal(["secret-rotate", "secret-rotate"], entries.Select(e => e.Str("kind")));
        Assert.All(entries, e => Assert.Equal(($"shopify/{Accounts.ShopifyShopDomain}/app-secret", "secret rotated", Operator), (e.Str("subject"), e.Str("detail"), e.Str("by"))));
        Assert.DoesNotContain(entries, e => e.GetRawText().Contains("audit-rotated-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectionsStartedForTwoShopsWithinAMinute_LeaveTwoEntries_ARetryNone()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());
        var (first, second) = (ConnectionHarness.NewShop(), ConnectionHarness.NewShop());

        await ConnectionHarness.StartAsync(client, "shopify", new { shop = first });
        await ConnectionHarness.StartAsync(client, "shopify", new { shop = first });
        await ConnectionHarness.StartAsync(client, "shopify", new { shop = second });

        var entries = await AuditAsync(client, "acme");
        Assert.Equal(
            new[] { $"shopify connection started for shop {first}", $"shopify connection started for shop {second}" }.Order(StringComparer.Ordinal),
            entries.Select(e => e.Str("detail")).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal(("connection-start", "shopify", Operator), (e.Str("kind"), e.Str("subject"), e.Str("by"))));
    }

    [Fact]
    public async Task ReviewStartRetried_LeavesOneEntryPointingToTheReview()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var closed = DateTime.UtcNow.AddMonths(-2);
        var month = new ServerlessOps.Domain.Review.ReviewMonth(closed.Year, closed.Month);

        var first = await PostStatusAsync(app, $"api/brands/acme/reviews/{month}");
        var again = await PostStatusAsync(app, $"api/brands/acme/reviews/{month}");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK), (first, again));
        var entry = Assert.Single(await AuditAsync(app, "acme"));
        Assert.Equal(("review-start", month.ToString(), Operator), (entry.Str("kind"), entry.Str("subject"), entry.Str("by")));
        Assert.Equal($"orchestration:{ServerlessOps.Domain.Review.Cycle.ReviewIds.For("acme", month)}", entry.Str("reference"));
    }

    [Fact]
    public async Task RefusedAction_LeavesNoEntry()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        using var refused = await app.Client.Http.PostAsync(new Uri("api/brands/acme/accounts/etsy/x/pushes/pause", UriKind.Relative), content: null, Token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Empty(await AuditAsync(app, "acme"));
    }

    [Fact]
    public async Task AuditRoute_WithoutADay_Is400Problem()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        using var response = await app.Client.Http.GetAsync(new Uri("api/brands/acme/audit/actions", UriKind.Relative), Token);

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.BadRequest, "invalid-parameter");
    }

    private static Task<JsonElement[]> AuditAsync(TestApp app, string brandId) => AuditAsync(app.Client.Http, brandId);

    private static async Task<JsonElement[]> AuditAsync(HttpClient client, string brandId)
    {
        using var response = await client.GetAsync(new Uri($"api/brands/{brandId}/audit/actions?day={AppClient.Day(AppClient.Today())}", UriKind.Relative), Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"audit answered {(int)response.StatusCode}: {body}");
        return Json.Parse(body).Items("entries");
    }

    private static async Task AdjustAsync(TestApp app, string sku, string key, object body)
    {
        await CatalogSeed.PutItemAsync(app, sku);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/brands/acme/inventory/{sku}/adjustments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await app.Client.Http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task PostOkAsync(TestApp app, string path)
    {
        using var response = await app.Client.Http.PostAsync(new Uri(path, UriKind.Relative), content: null, Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
    }

    private static async Task<HttpStatusCode> PostStatusAsync(TestApp app, string path)
    {
        using var response = await app.Client.Http.PostAsync(new Uri(path, UriKind.Relative), content: null, Token);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> ImportAsync(TestApp app, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var response = await app.Client.Http.PostAsync(new Uri("api/brands/acme/imports/catalog", UriKind.Relative), content, Token);
        return response.StatusCode;
    }
}
