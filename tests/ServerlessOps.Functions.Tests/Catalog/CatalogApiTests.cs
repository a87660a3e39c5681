using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Functions.Tests.Catalog;

/// <summary>The import and catalog routes on the real Cosmos server: files in, records and items out, through HTTP only.</summary>
public sealed class CatalogApiTests(FunctionAppFixture fixture)
{
    private const string CatalogCsv =
        "sku,title,category,currency,listPrice,map,shopifyInventoryItemId,shopifyLocationId,amazonSellerSku,amazonMarketplaceId,amazonFba\n"
        + "TEE-BLK-M,\"Tee, black, M\",Apparel,USD,24.00,19.99,4411,77,TEE-BLK-M-FBA,ATVPDKIKX0DER,true\n"
        + "MUG-01,Mug,Kitchen,USD,12.50,,4412,77,,,\n";

    private const string CostsJsonLines =
        "{\"sku\":\"TEE-BLK-M\",\"unitCost\":\"6.40\",\"currency\":\"USD\",\"effectiveFrom\":\"2026-01-01\"}\n"
        + "{\"sku\":\"TEE-BLK-M\",\"unitCost\":7.10,\"currency\":\"USD\",\"effectiveFrom\":\"2099-01-01\"}\n";

    private const string FeesCsv =
        "channel,feeType,category,scope,basis,percent,fixedPerUnit,fixedPerOrder,currency,effectiveFrom,effectiveTo\n"
        + "amazon,referral,,perLine,net,15,0,0,USD,2026-01-01,\n"
        + "amazon,fba,Apparel,perLine,net,0,3.22,0,USD,2026-01-01,\n";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CatalogCostsAndFees_Imported_AreReadableAndResolveForTheOrderFlow()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        var catalog = await PostAsync(app, "catalog", CatalogCsv, "text/csv");
        var costs = await PostAsync(app, "costs", CostsJsonLines, "application/x-ndjson");
        var fees = await PostAsync(app, "fees", FeesCsv, "text/csv");

        foreach (var (response, kind, rows) in new[] { (catalog, "catalog", 2), (costs, "costs", 2), (fees, "fees", 2) })
        {
            Assert.Equal(HttpStatusCode.Created, response.Status);
            Assert.Equal((kind, rows, "Applied", "local-operator"), (response.Body.Str("kind"), response.Body.Number("rows"), response.Body.Str("state"), response.Body.Str("importedBy")));
            Assert.Equal($"/api/brands/acme/imports/{response.Body.Str("importId")}", response.Location);
        }

        var item = await GetOkAsync(app, "api/brands/acme/catalog/TEE-BLK-M");
        Assert.Equal(19.99m, item.GetProperty("item").Dec("minimumAdvertisedPrice"));
        Assert.Equal(6.40m, item.GetProperty("currentCost").Dec("amount"));
        Assert.Equal(2, item.Items("costs").Length);
        var fba = Assert.Single(item.GetProperty("item").Items("listings"), l => l.Str("channel") == "Amazon");
        Assert.Equal(("TEE-BLK-M-FBA", "amazon-fba:ATVPDKIKX0DER", true), (fba.Str("channelSku"), fba.Str("stockLocation"), fba.GetProperty("channelFulfilled").GetBoolean()));

        var resolution = await app.Services.GetRequiredService<ICatalogReader>()
            .ResolveAsync("acme", SalesChannel.Amazon, ["TEE-BLK-M-FBA", "UNKNOWN"], DateTimeOffset.UtcNow, Token);
        Assert.Equal(new CatalogLine("TEE-BLK-M", "amazon-fba:ATVPDKIKX0DER", true, "Apparel", "USD", 19.99m, 6.40m), resolution.Lines["TEE-BLK-M-FBA"]);
        Assert.Equal(["UNKNOWN"], resolution.Unmapped);
        Assert.Equal(["fba", "referral"], resolution.Fees.Select(f => f.FeeType));

        var list = await GetOkAsync(app, "api/brands/acme/imports");
        Assert.Equal(["fees", "costs", "catalog"], list.Items("items").Select(i => i.Str("kind")));
        var one = await GetOkAsync(app, $"api/brands/acme/imports/{catalog.Body.Str("importId")}");
        Assert.Equal(catalog.Body.Str("sha256"), one.Str("sha256"));
        Assert.Equal(2, one.GetProperty("written").Number("items"));
    }

    [Fact]
    public async Task SameFilePostedTwice_SecondIs200WithTheFirstRecordAndOneImportListed()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        var first = await PostAsync(app, "catalog", CatalogCsv, "text/csv");
        var second = await PostAsync(app, "catalog", CatalogCsv, "text/csv");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.Status, second.Status));
        Assert.Equal(first.Body.GetRawText(), second.Body.GetRawText());
        Assert.Single((await GetOkAsync(app, "api/brands/acme/imports")).Items("items"));
    }

    [Fact]
    public async Task BadJsonLinesFile_Is422ListingLineAndPathAndNothingOfTheBrandIsWritten()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var file = "{\"sku\":\"A\",\"title\":\"A\",\"currency\":\"USD\",\"listPrice\":\"12,50\"}\n"
            + "{\"sku\":\"B\",\"title\":\"B\",\"currency\":\"USD\"}\n"
            + "{\"sku\":\"C\",\"title\":\"C\",\"currency\":\"USD\",\"amazonFba\":\"yes\",\"amazonMarketplaceId\":\"ATVPDKIKX0DER\"}\n"
            + "not json\n";

        using var response = await SendAsync(app, "catalog", file, "application/x-ndjson");

        var detail = await Problem.AssertOfTypeAsync(response, HttpStatusCode.UnprocessableEntity, "import-invalid", "nothing was imported", "line 1, $.listPrice");
        var problem = Json.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal([(1, "$.listPrice"), (3, "$.amazonFba"), (4, null)], problem.Items("errors").Select(e => (e.Number("line"), e.OptionalStr("column"))));
        Assert.Equal(3, problem.Number("errorCount"));
        Assert.Contains("3 error(s)", detail, StringComparison.Ordinal);
        Assert.Empty(await BrandDocumentsAsync(app, "acme"));
    }

    [Fact]
    public async Task BadCsvFile_Is422NamingColumnNameAndNumber()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        using var response = await SendAsync(app, "fees", "channel,feeType,percent,currency,effectiveFrom\namazon,referral,15,USD,2026-01-01\nebay,referral,15,USD,2026-13-01\n", "text/csv");

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.UnprocessableEntity, "import-invalid");
        var errors = Json.Parse(await response.Content.ReadAsStringAsync(Token)).Items("errors");
        Assert.Equal([(3, "channel (column 1)"), (3, "effectiveFrom (column 5)")], errors.Select(e => (e.Number("line"), e.Str("column"))));
        Assert.Empty(await BrandDocumentsAsync(app, "acme"));
    }

    [Fact]
    public async Task OversizedUnsupportedOrUnknownKind_AreRefusedWithTheirProblem()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff(new Dictionary<string, string> { ["Catalog:MaxImportBytes"] = "1024" }));

        using var large = await SendAsync(app, "catalog", CatalogCsv + new string('x', 2000), "text/csv");
        using var excel = await SendAsync(app, "catalog", CatalogCsv, "application/vnd.ms-excel");
        using var unknown = await SendAsync(app, "prices", CatalogCsv, "text/csv");

        await Problem.AssertOfTypeAsync(large, HttpStatusCode.RequestEntityTooLarge, "body-too-large", "1024");
        await Problem.AssertOfTypeAsync(excel, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "text/csv", "application/x-ndjson");
        await Problem.AssertOfTypeAsync(unknown, HttpStatusCode.NotFound, "not-found", "catalog, costs, fees, stock-counts");
        Assert.Empty(await BrandDocumentsAsync(app, "acme"));
    }

    [Fact]
    public async Task CatalogItem_SkuWithSlash_IsFoundByItsEscapedSku()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        await PostAsync(app, "catalog", "sku,title,currency\nMUG/12OZ,Mug 12 oz,USD\n", "text/csv");

        var item = await GetOkAsync(app, "api/brands/acme/catalog/MUG%2F12OZ");

        Assert.Equal(("MUG/12OZ", "Mug 12 oz"), (item.GetProperty("item").Str("sku"), item.GetProperty("item").Str("title")));
    }

    [Fact]
    public async Task CatalogItemAndImport_NotThere_Are404()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        using var item = await app.Client.Http.GetAsync(new Uri("api/brands/acme/catalog/NOPE", UriKind.Relative), Token);
        using var record = await app.Client.Http.GetAsync(new Uri("api/brands/acme/imports/catalog-00", UriKind.Relative), Token);

        await Problem.AssertOfTypeAsync(item, HttpStatusCode.NotFound, "not-found", "NOPE");
        await Problem.AssertOfTypeAsync(record, HttpStatusCode.NotFound, "not-found", "catalog-00");
    }

    [Fact]
    public async Task FinanceCallerAndCallerOfAnotherBrand_CannotImport()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff(TestApiKey.Settings(
            new("finance-acme", "finance-acme-key-0000000000000000", "finance", "acme"),
            new("operations-globex", "operations-globex-key-00000000000", "operations", "globex"))));

        using var finance = await SendAsync(app, "fees", FeesCsv, "text/csv", "finance-acme-key-0000000000000000");
        using var otherBrand = await SendAsync(app, "catalog", CatalogCsv, "text/csv", "operations-globex-key-00000000000");

        await Problem.AssertOfTypeAsync(finance, HttpStatusCode.Forbidden, "forbidden-role", "operations");
        await Problem.AssertOfTypeAsync(otherBrand, HttpStatusCode.Forbidden, "forbidden-brand", "'acme'");
        Assert.Empty(await BrandDocumentsAsync(app, "acme"));
    }

    private static async Task<HttpResponseMessage> SendAsync(TestApp app, string kind, string body, string contentType, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/brands/acme/imports/{kind}")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (apiKey is not null)
        {
            using var client = app.Factory.CreateClient();
            request.Headers.Add(Testing.LocalStack.LocalStackSettings.ApiKeyHeader, apiKey);
            return await client.SendAsync(request, Token);
        }

        return await app.Client.Http.SendAsync(request, Token);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? Location)> PostAsync(TestApp app, string kind, string body, string contentType)
    {
        using var response = await SendAsync(app, kind, body, contentType);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{kind} import answered {(int)response.StatusCode}: {text}");
        return (response.StatusCode, Json.Parse(text), response.Headers.Location?.OriginalString);
    }

    private static async Task<JsonElement> GetOkAsync(TestApp app, string path)
    {
        using var response = await app.Client.Http.GetAsync(new Uri(path, UriKind.Relative), Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {text}");
        return Json.Parse(text);
    }

    /// <summary>Every document of the brand in the catalog container, read partition by partition (its catalog and its imports).</summary>
    internal static async Task<IReadOnlyList<JsonElement>> BrandDocumentsAsync(TestApp app, string brandId)
    {
        var container = app.Services.GetRequiredService<CosmosContainers>().Catalog;
        var all = new List<JsonElement>();
        foreach (var pk in new[] { $"{brandId}|catalog", $"{brandId}|imports" })
        {
            using var iterator = container.GetItemQueryIterator<JsonElement>(
                new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk").WithParameter("@pk", pk),
                requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(pk), EnableOptimisticDirectExecution = true });
            while (iterator.HasMoreResults)
            {
                all.AddRange(await iterator.ReadNextAsync(Token));
            }
        }

        return all;
    }
}
