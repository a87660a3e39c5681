using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Catalog;

/// <summary>Stock-count files applied through the app's inventory ledger on the Cosmos server, read back through the ledger routes.</summary>
public sealed class StockCountImportTests(FunctionAppFixture fixture)
{
    private const string CatalogCsv =
        "sku,title,currency,shopifyInventoryItemId,shopifyLocationId\nTEE-BLK-M,Tee,USD,4411,77\nMUG-01,Mug,USD,4412,77\n";

    private const string CountsCsv =
        "sku,location,countedQuantity,countedAt,reason\nTEE-BLK-M,main,40,2026-01-05T08:00:00Z,cycle count\nMUG-01,main,12,2026-01-05T08:00:00Z,\n";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StockCounts_GoodFile_SetOnHandWithOneCountEntryPerLineAndTwiceChangesNothing()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(app, "catalog", CatalogCsv)).Status);

        var first = await PostAsync(app, "stock-counts", CountsCsv);
        var second = await PostAsync(app, "stock-counts", CountsCsv);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.Status, second.Status));
        Assert.Equal(2, first.Body.GetProperty("written").Number("counts"));
        var sha256 = first.Body.Str("sha256");
        var balances = await GetOkAsync(app, "api/brands/acme/inventory/TEE-BLK-M/balances?location=main");
        Assert.Equal((40, 0), (balances.Number("onHand"), balances.Number("reserved")));
        Assert.Equal(12, (await GetOkAsync(app, "api/brands/acme/inventory/MUG-01/balances?location=main")).Number("onHand"));
        var entry = Assert.Single((await GetOkAsync(app, "api/brands/acme/inventory/TEE-BLK-M/ledger")).Items("entries"));
        Assert.Equal(("Count", "count:2026-01-05T08:00:00.0000000Z:main", 40, "local-operator"), (entry.Str("kind"), entry.Str("cause"), entry.Number("onHandDelta"), entry.Str("actor")));
        Assert.StartsWith("counted at 2026-01-05T08:00:00", entry.Str("reason"), StringComparison.Ordinal);
        Assert.Contains($"(import {sha256[..12]}, line 2): cycle count", entry.Str("reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StockCounts_SameCountsResavedAfterASale_DoNotSetOnHandBackToTheCount()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        await PostAsync(app, "catalog", CatalogCsv);
        await PostAsync(app, "stock-counts", CountsCsv);
        var ledger = app.Services.GetRequiredService<IInventoryLedgerStore>();
        await ledger.ApplyAsync(new StockMovement("acme", "TEE-BLK-M", "main", StockMovementKind.ReserveShipped, 5, "order:o-1:l-1:r1"), Token);
        await ledger.ApplyAsync(new StockMovement("acme", "TEE-BLK-M", "main", StockMovementKind.Commit, 5, "order:o-1:l-1:c1"), Token);

        var resaved = await PostAsync(app, "stock-counts", "\uFEFF" + CountsCsv.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal((HttpStatusCode.Created, 0, 2), (resaved.Status, resaved.Body.GetProperty("written").Number("counts"), resaved.Body.GetProperty("written").Number("countsAlreadyApplied")));
        Assert.Equal(35, (await GetOkAsync(app, "api/brands/acme/inventory/TEE-BLK-M/balances?location=main")).Number("onHand"));
    }

    [Fact]
    public async Task StockCounts_CountImportedAfterAReceiptThatFollowedIt_KeepsTheReceiptOnTopOfTheCount()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        await PostAsync(app, "catalog", CatalogCsv);
        var ledger = app.Services.GetRequiredService<IInventoryLedgerStore>();
        var countedAt = DateTimeOffset.UtcNow.AddHours(-2);
        await ledger.ApplyAsync(new StockMovement("acme", "TEE-BLK-M", "main", StockMovementKind.Receipt, 10, "receipt:po-1"), Token);

        await PostAsync(app, "stock-counts", $"sku,location,countedQuantity,countedAt\nTEE-BLK-M,main,40,{countedAt:O}\n");

        Assert.Equal(50, (await GetOkAsync(app, "api/brands/acme/inventory/TEE-BLK-M/balances?location=main")).Number("onHand"));
        var count = (await GetOkAsync(app, "api/brands/acme/inventory/TEE-BLK-M/ledger")).Items("entries")[0];
        Assert.Equal(("Count", 40), (count.Str("kind"), count.Number("onHandDelta")));
    }

    [Fact]
    public async Task StockCounts_OlderCountImportedAfterANewerOne_IsSupersededAndNamedByLine()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        await PostAsync(app, "catalog", CatalogCsv);
        await PostAsync(app, "stock-counts", "sku,location,countedQuantity,countedAt\nTEE-BLK-M,main,40,2026-01-05T09:00:00Z\n");

        var older = await PostAsync(app, "stock-counts", "sku,location,countedQuantity,countedAt\nMUG-01,main,12,2026-01-05T08:00:00Z\nTEE-BLK-M,main,25,2026-01-05T08:00:00Z\n");

        Assert.Equal(40, (await GetOkAsync(app, "api/brands/acme/inventory/TEE-BLK-M/balances?location=main")).Number("onHand"));
        Assert.Equal(12, (await GetOkAsync(app, "api/brands/acme/inventory/MUG-01/balances?location=main")).Number("onHand"));
        Assert.Equal((1, 1), (older.Body.GetProperty("written").Number("counts"), older.Body.GetProperty("written").Number("countsSuperseded")));
        Assert.Equal([3], older.Body.GetProperty("supersededLines").EnumerateArray().Select(l => l.GetInt32()));
        Assert.Single((await GetOkAsync(app, "api/brands/acme/inventory/TEE-BLK-M/ledger")).Items("entries"));
    }

    [Fact]
    public async Task StockCounts_SameCountSentByTheApiThenInAFile_AppliesOnce()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        await PostAsync(app, "catalog", CatalogCsv);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/brands/acme/inventory/TEE-BLK-M/adjustments", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { kind = "count", location = "main", quantity = 40, countedAt = "2026-01-05T08:00:00Z", reason = "cycle count" }),
        };
        request.Headers.Add("Idempotency-Key", "count-aisle-4");
        using var api = await app.Client.Http.SendAsync(request, Token);
        Assert.True(api.IsSuccessStatusCode, $"the count answered {(int)api.StatusCode}: {await api.Content.ReadAsStringAsync(Token)}");

        var file = await PostAsync(app, "stock-counts", CountsCsv);

        Assert.Equal((1, 1), (file.Body.GetProperty("written").Number("counts"), file.Body.GetProperty("written").Number("countsAlreadyApplied")));
        var entry = Assert.Single((await GetOkAsync(app, "api/brands/acme/inventory/TEE-BLK-M/ledger")).Items("entries"));
        Assert.Equal(("count:2026-01-05T08:00:00.0000000Z:main", 40), (entry.Str("cause"), entry.Number("onHandDelta")));
        Assert.Equal(40, (await GetOkAsync(app, "api/brands/acme/inventory/TEE-BLK-M/balances?location=main")).Number("onHand"));
    }

    [Fact]
    public async Task StockCounts_UnknownSkuOrFutureCount_Is422AndTheLedgerIsUntouched()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        await PostAsync(app, "catalog", CatalogCsv);
        var future = DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var file = $"sku,location,countedQuantity,countedAt\nTEE-BLK-M,main,40,2026-01-05\nNOPE,main,1,2026-01-05\nMUG-01,main,3,{future}\n";

        using var response = await SendAsync(app, "stock-counts", file);

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.UnprocessableEntity, "import-invalid", "nothing was imported");
        var errors = Json.Parse(await response.Content.ReadAsStringAsync(Token)).Items("errors");
        Assert.Equal([(3, "sku (column 1)"), (4, "countedAt (column 4)")], errors.Select(e => (e.Number("line"), e.Str("column"))));
        Assert.Empty((await GetOkAsync(app, "api/brands/acme/inventory/TEE-BLK-M/ledger")).Items("entries"));
        Assert.Equal(0, (await GetOkAsync(app, "api/brands/acme/inventory/TEE-BLK-M/balances?location=main")).Number("onHand"));
        Assert.Equal(["catalog"], (await GetOkAsync(app, "api/brands/acme/imports")).Items("items").Select(i => i.Str("kind")));
    }

    [Fact]
    public async Task StockCounts_CountImportedBeforeWithAnotherQuantity_Is422NamingTheLineAndTheLedgerIsUntouched()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        await PostAsync(app, "catalog", CatalogCsv);
        await PostAsync(app, "stock-counts", CountsCsv);

        // Line 2 is a new count that would apply; line 3 is the count of 2026-01-05 08:00 again, with another figure.
        using var response = await SendAsync(app, "stock-counts",
            "sku,location,countedQuantity,countedAt\nTEE-BLK-M,main,38,2026-02-05T08:00:00Z\nMUG-01,main,15,2026-01-05T08:00:00Z\n");

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.UnprocessableEntity, "import-invalid", "nothing was imported");
        var error = Assert.Single(Json.Parse(await response.Content.ReadAsStringAsync(Token)).Items("errors"));
        Assert.Equal((3, "countedQuantity (column 3)"), (error.Number("line"), error.Str("column")));
        Assert.Single((await GetOkAsync(app, "api/brands/acme/inventory/TEE-BLK-M/ledger")).Items("entries"));
        Assert.Equal(40, (await GetOkAsync(app, "api/brands/acme/inventory/TEE-BLK-M/balances?location=main")).Number("onHand"));
        Assert.Equal(12, (await GetOkAsync(app, "api/brands/acme/inventory/MUG-01/balances?location=main")).Number("onHand"));
        Assert.Equal(2, (await GetOkAsync(app, "api/brands/acme/imports")).Items("items").Length);
    }

    private static async Task<HttpResponseMessage> SendAsync(TestApp app, string kind, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "text/csv");
        return await app.Client.Http.PostAsync(new Uri($"api/brands/acme/imports/{kind}", UriKind.Relative), content, Token);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(TestApp app, string kind, string body)
    {
        using var response = await SendAsync(app, kind, body);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{kind} import answered {(int)response.StatusCode}: {text}");
        return (response.StatusCode, Json.Parse(text));
    }

    private static async Task<JsonElement> GetOkAsync(TestApp app, string path)
    {
        using var response = await app.Client.Http.GetAsync(new Uri(path, UriKind.Relative), Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {text}");
        return Json.Parse(text);
    }
}
