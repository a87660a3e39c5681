using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Api.Stock;

/// <summary>
/// The ledger's routes under <c>/api/brands/{brandId}/inventory/{sku}/</c>: adjustments through the ledger (idempotent per
/// Idempotency-Key), balances and entries read back, problems naming what is wrong; the channels' levels route beside them.
/// </summary>
public sealed class StockLedgerApiTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdjustStock_ReceiptThenCount_BalanceAndLedgerShowBothWithCauseReasonAndCaller()
    {
        await using var app = TestApp.Start(fixture);

        var receipt = await AdjustOkAsync(app, "MUG-1", "key-r1", new { kind = "receipt", location = "wh-east", quantity = 10, reason = "PO 4411" });
        var count = await AdjustOkAsync(app, "MUG-1", "key-c1", new { kind = "count", location = "wh-east", quantity = 7, reason = "cycle count aisle 4" });

        Assert.Equal(("Applied", 10), (receipt.Str("outcome"), receipt.GetProperty("balance").Number("onHand")));
        Assert.Equal(("Applied", "Count|api:key-c1"), (count.Str("outcome"), count.Str("entryId")));
        var balances = await GetOkAsync(app, "inventory/MUG-1/balances");
        var balance = Assert.Single(balances.Items("balances"));
        Assert.Equal(("wh-east", 7, 0, 7), (balance.Str("location"), balance.Number("onHand"), balance.Number("reserved"), balance.Number("available")));
        var entries = (await GetOkAsync(app, "inventory/MUG-1/ledger")).Items("entries");
        Assert.Equal(["Count|api:key-c1", "Receipt|api:key-r1"], entries.Select(e => e.Str("entryId")));
        Assert.Equal((-3, "cycle count aisle 4", "local-operator", "api:key-c1"),
            (entries[0].Number("onHandDelta"), entries[0].Str("reason"), entries[0].Str("actor"), entries[0].Str("cause")));
    }

    [Fact]
    public async Task AdjustStock_SameIdempotencyKeySentTwice_AppliesOnceAndAnswersAlreadyApplied()
    {
        await using var app = TestApp.Start(fixture);
        var body = new { kind = "receipt", location = "wh-east", quantity = 10, reason = "PO 4412" };

        await AdjustOkAsync(app, "MUG-2", "retry-me", body);
        var repeat = await AdjustOkAsync(app, "MUG-2", "retry-me", body);

        Assert.Equal(("AlreadyApplied", 10), (repeat.Str("outcome"), repeat.GetProperty("balance").Number("onHand")));
        Assert.Single((await GetOkAsync(app, "inventory/MUG-2/ledger")).Items("entries"));
    }

    [Fact]
    public async Task AdjustStock_SameIdempotencyKeyWithAnotherQuantity_Is422AndChangesNothing()
    {
        await using var app = TestApp.Start(fixture);
        await AdjustOkAsync(app, "MUG-3", "k-1", new { kind = "adjustment", location = "wh-east", quantity = 4, reason = "found" });

        using var response = await AdjustAsync(app, "MUG-3", "k-1", new { kind = "adjustment", location = "wh-east", quantity = 5, reason = "found" });

        await Problem.AssertOfTypeAsync(response, (HttpStatusCode)422, "idempotency-key-reused", "k-1", "new key");
        Assert.Equal(4, (await GetOkAsync(app, "inventory/MUG-3/balances?location=wh-east")).Number("onHand"));
    }

    [Theory]
    [InlineData("count", "wh-east", 10, "PO 4413")]
    [InlineData("receipt", "wh-west", 10, "PO 4413")]
    [InlineData("receipt", "wh-east", 10, "PO 4414")]
    public async Task AdjustStock_SameIdempotencyKeyWithAnotherKindLocationOrReason_Is422AndAppliesOnce(string kind, string location, int quantity, string reason)
    {
        await using var app = TestApp.Start(fixture);
        await AdjustOkAsync(app, "MUG-8", "k-8", new { kind = "receipt", location = "wh-east", quantity = 10, reason = "PO 4413" });

        using var response = await AdjustAsync(app, "MUG-8", "k-8", new { kind, location, quantity, reason });

        await Problem.AssertOfTypeAsync(response, (HttpStatusCode)422, "idempotency-key-reused", "k-8", "new key");
        Assert.Equal(["Receipt|api:k-8"], (await GetOkAsync(app, "inventory/MUG-8/ledger")).Items("entries").Select(e => e.Str("entryId")));
    }

    [Fact]
    public async Task AdjustStock_SameIdempotencyKeyForAnotherSku_Is422AndWritesNothingThere()
    {
        await using var app = TestApp.Start(fixture);
        await AdjustOkAsync(app, "MUG-9", "k-9", new { kind = "receipt", location = "wh-east", quantity = 10, reason = "PO 4415" });
        await CatalogSeed.PutItemAsync(app, "MUG-10");

        using var response = await AdjustAsync(app, "MUG-10", "k-9", new { kind = "receipt", location = "wh-east", quantity = 10, reason = "PO 4415" });

        await Problem.AssertOfTypeAsync(response, (HttpStatusCode)422, "idempotency-key-reused", "k-9", "MUG-9");
        Assert.Empty((await GetOkAsync(app, "inventory/MUG-10/ledger")).Items("entries"));
    }

    [Fact]
    public async Task AdjustStock_SkuNotInTheCatalog_Is404AndWritesNothing()
    {
        await using var app = TestApp.Start(fixture);

        using var response = await AdjustAsync(app, "NOT-IMPORTED", "k-n", new { kind = "receipt", location = "wh-east", quantity = 5, reason = "PO" });

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.NotFound, "not-found", "NOT-IMPORTED");
        Assert.Empty((await GetOkAsync(app, "inventory/NOT-IMPORTED/ledger")).Items("entries"));
    }

    [Fact]
    public async Task AdjustStock_LocationLongerThanTheImportAccepts_Is400NamingIt()
    {
        await using var app = TestApp.Start(fixture);
        await CatalogSeed.PutItemAsync(app, "MUG-11");

        using var response = await AdjustAsync(app, "MUG-11", "k-11", new { kind = "receipt", location = new string('w', 101), quantity = 5, reason = "PO" });

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.BadRequest, "invalid-body", "location");
        Assert.Empty((await GetOkAsync(app, "inventory/MUG-11/ledger")).Items("entries"));
    }

    [Fact]
    public async Task AdjustStock_WithoutIdempotencyKey_Is400NamingTheHeaderAndWritesNothing()
    {
        await using var app = TestApp.Start(fixture);

        using var response = await AdjustAsync(app, "MUG-4", key: null, new { kind = "receipt", location = "wh-east", quantity = 1, reason = "PO" });

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.BadRequest, "invalid-parameter", "Idempotency-Key");
        Assert.Empty((await GetOkAsync(app, "inventory/MUG-4/ledger")).Items("entries"));
    }

    [Theory]
    [InlineData("""{"kind":"transfer","location":"wh","quantity":1,"reason":"r"}""", "kind")]
    [InlineData("""{"kind":"receipt","location":"wh","quantity":-2,"reason":"r"}""", "quantity")]
    [InlineData("""{"kind":"count","location":"wh","quantity":-1,"reason":"r"}""", "quantity")]
    [InlineData("""{"kind":"adjustment","location":"wh","quantity":0,"reason":"r"}""", "quantity")]
    [InlineData("""{"kind":"receipt","location":"wh","quantity":1}""", "reason")]
    [InlineData("""{"kind":"receipt","quantity":1,"reason":"r"}""", "location")]
    [InlineData("""{"kind":"receipt","location":"wh","quantity":1,"reason":"r","sku":"X"}""", "sku")]
    public async Task AdjustStock_InvalidBody_Is400NamingTheField(string body, string field)
    {
        await using var app = TestApp.Start(fixture);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await PostAsync(app, "MUG-5", "k-bad", content);

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.BadRequest, "invalid-body", field);
        Assert.Empty((await GetOkAsync(app, "inventory/MUG-5/ledger")).Items("entries"));
    }

    [Fact]
    public async Task GetStockBalances_SkuWithSlashAndAnUnknownLocation_AnswersThatSkuAndZerosThere()
    {
        await using var app = TestApp.Start(fixture);
        await AdjustOkAsync(app, "MUG%2F12OZ", "k-s", new { kind = "receipt", location = "wh-east", quantity = 3, reason = "PO" });

        var all = await GetOkAsync(app, "inventory/MUG%2F12OZ/balances");
        var elsewhere = await GetOkAsync(app, "inventory/MUG%2F12OZ/balances?location=wh-west");

        Assert.Equal(("MUG/12OZ", 3), (all.Str("sku"), all.Number("available")));
        Assert.Equal((0, "wh-west"), (elsewhere.Number("onHand"), Assert.Single(elsewhere.Items("balances")).Str("location")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("ten")]
    public async Task ListStockLedger_LimitOutOfRange_Is400NamingIt(string limit)
    {
        await using var app = TestApp.Start(fixture);

        using var response = await app.Client.Http.GetAsync(new Uri($"api/brands/acme/inventory/MUG-6/ledger?limit={limit}", UriKind.Relative), Token);

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.BadRequest, "invalid-parameter", "limit");
    }

    [Fact]
    public async Task GetInventory_ChannelLevelsRoute_IsStillServedBesideTheLedgerRoutes()
    {
        await using var app = TestApp.Start(fixture);
        await AdjustOkAsync(app, "MUG-7", "k-7", new { kind = "receipt", location = "wh-east", quantity = 2, reason = "PO" });

        var levels = await GetOkAsync(app, "inventory?sku=MUG-7");

        Assert.Equal("MUG-7", levels.Str("itemKey"));
        Assert.Empty(levels.Items("levels"));
    }

    private static async Task<JsonElement> AdjustOkAsync(TestApp app, string sku, string key, object body)
    {
        await CatalogSeed.PutItemAsync(app, Uri.UnescapeDataString(sku));
        using var response = await AdjustAsync(app, sku, key, body);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        return Json.Parse(text);
    }

    private static Task<HttpResponseMessage> AdjustAsync(TestApp app, string sku, string? key, object body) =>
        PostAsync(app, sku, key, JsonContent.Create(body));

    private static async Task<HttpResponseMessage> PostAsync(TestApp app, string sku, string? key, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/brands/acme/inventory/{sku}/adjustments", UriKind.Relative)) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await app.Client.Http.SendAsync(request, Token);
    }

    private static async Task<JsonElement> GetOkAsync(TestApp app, string path)
    {
        using var response = await app.Client.Http.GetAsync(new Uri($"api/brands/acme/{path}", UriKind.Relative), Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 from {path}, got {(int)response.StatusCode}: {text}");
        return Json.Parse(text);
    }
}
