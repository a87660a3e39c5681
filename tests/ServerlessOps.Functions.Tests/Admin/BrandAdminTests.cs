using System.Net;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Admin;

/// <summary>Brands through the admin API: create, read, change with If-Match, audit; field-level problems.</summary>
public sealed class BrandAdminTests(FunctionAppFixture fixture)
{
    private static object Globex(string currency = "EUR", string timeZone = "Europe/Berlin", string owner = "ops@globex.example") => new
    {
        id = "globex",
        displayName = "Globex Goods",
        baseCurrency = currency,
        timeZone,
        goLive = "2026-11-01T00:00:00Z",
        owners = new { @default = owner, assignments = new[] { new { signal = "Pricing", channel = "amazon", owner = "pricing@globex.example" } } },
        policy = new { marginFloorPercent = 18.5, lateOrderCostByChannel = new Dictionary<string, decimal> { ["walmart"] = 12.5m } },
    };

    [Fact]
    public async Task Brand_CreatedReadAndChangedWithIfMatch_IsAuditedWithTheCaller()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);

        var created = (await api.PostAsync("api/brands", Globex())).Expect(HttpStatusCode.Created);
        var read = (await api.GetAsync("api/brands/globex")).Expect(HttpStatusCode.OK);
        var changed = (await api.PutAsync("api/brands/globex", new { displayName = "Globex Goods EU", policy = new { onPriceBreach = "Continue" } }, read.ETag)).Expect(HttpStatusCode.OK);
        var audit = (await api.GetAsync("api/brands/globex/audit")).Expect(HttpStatusCode.OK).Json.Items();
        var listed = (await api.GetAsync("api/brands")).Expect(HttpStatusCode.OK).Json.Items();

        Assert.Equal(created.ETag, read.ETag);
        Assert.NotEqual(read.ETag, changed.ETag);
        var brand = changed.Json.GetProperty("brand");
        Assert.Equal(("Globex Goods EU", "EUR", "Europe/Berlin"), (brand.Str("displayName"), brand.Str("baseCurrency"), brand.Str("timeZone")));
        Assert.Equal("Continue", brand.GetProperty("policy").Str("onPriceBreach"));
        Assert.Equal(changed.ETag, changed.Json.Str("etag"));
        Assert.Equal(["updated", "created"], audit.Select(e => e.Str("action")));
        Assert.All(audit, e => Assert.Equal("local-operator", e.Str("actor")));
        Assert.Contains(audit[0].Items("changes"), c => c.Str("field") == "displayName" && c.Str("from") == "Globex Goods" && c.Str("to") == "Globex Goods EU");
        Assert.Contains(listed, b => b.GetProperty("brand").Str("id") == "globex");
        Assert.Contains(listed, b => b.GetProperty("brand").Str("id") == "acme");
    }

    [Fact]
    public async Task CreateBrand_BadCurrencyTimeZoneAndOwner_Is400NamingEachField()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);

        var fields = (await api.PostAsync("api/brands", Globex(currency: "usd", timeZone: "Mars/Olympus_Mons", owner: "nobody"))).ExpectProblem(HttpStatusCode.BadRequest, "invalid-body");

        Assert.Equal(["baseCurrency", "timeZone", "owners.default"], fields);
        (await api.GetAsync("api/brands/globex")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateBrand_MalformedOrUnknownField_Is400NamingTheField()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);

        var wrongType = (await api.PostAsync("api/brands", """{"id":"globex","policy":{"returnWindowDays":"a month"}}""")).ExpectProblem(HttpStatusCode.BadRequest, "invalid-body");
        var unknown = (await api.PostAsync("api/brands", """{"id":"globex","colour":"blue"}""")).ExpectProblem(HttpStatusCode.BadRequest, "invalid-body");

        Assert.Equal(["policy.returnWindowDays"], wrongType);
        Assert.Equal(["colour"], unknown);
    }

    [Fact]
    public async Task CreateBrand_IdTaken_Is409()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);

        var problem = await api.PostAsync("api/brands", new
        {
            id = "acme", displayName = "Acme again", baseCurrency = "USD", timeZone = "UTC", owners = new { @default = "ops@acme.example" },
        });

        problem.ExpectProblem(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task UpdateBrand_WithoutIfMatch_Is428_AndWithAnOldETag_Is412()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);
        var read = (await api.GetAsync("api/brands/acme")).Expect(HttpStatusCode.OK);
        (await api.PutAsync("api/brands/acme", new { displayName = "Acme One" }, read.ETag)).Expect(HttpStatusCode.OK);

        (await api.PutAsync("api/brands/acme", new { displayName = "Acme Two" })).ExpectProblem(HttpStatusCode.PreconditionRequired, "precondition-required");
        (await api.PutAsync("api/brands/acme", new { displayName = "Acme Two" }, read.ETag)).ExpectProblem(HttpStatusCode.PreconditionFailed, "precondition-failed");

        Assert.Equal("Acme One", (await api.GetAsync("api/brands/acme")).Json.GetProperty("brand").Str("displayName"));
    }

    [Fact]
    public async Task SeededBrand_FromTheBrandsSettings_IsInTheRegistryWithTheSettingsSeedAsActor()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var api = new AdminApi(app.Client.Http);

        var brand = (await api.GetAsync("api/brands/acme")).Expect(HttpStatusCode.OK).Json.GetProperty("brand");
        var accounts = (await api.GetAsync("api/brands/acme/accounts")).Expect(HttpStatusCode.OK).Json.Items();
        var audit = (await api.GetAsync("api/brands/acme/audit")).Expect(HttpStatusCode.OK).Json.Items();

        Assert.Equal("Acme Outfitters", brand.Str("displayName"));
        Assert.Equal(["amazon", "shopify", "tiktok", "walmart"], accounts.Select(a => a.Str("channel")).Order());
        Assert.Equal(5, audit.Length);
        Assert.All(audit, e => Assert.Equal("settings seed", e.Str("actor")));
    }
}
