using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Catalog;

[Collection(SharedCosmosEmulator.Name)]
public sealed class CatalogImporterTests(CosmosServerFixture cosmos) : CatalogTestBase(cosmos)
{
    [Fact]
    public async Task CatalogCsv_GoodFile_StoresItemsWithTheirListingsAndRecordsTheImport()
    {
        var record = await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);

        Assert.Equal((ImportState.Applied, 3, "test-operator"), (record.State, record.Rows, record.ImportedBy));
        Assert.Equal(2, record.Written["items"]);
        Assert.Equal(6, record.Written["listings"]);
        var tee = await Store.GetItemAsync("brand-a", "TEE-BLK-M", Token);
        Assert.NotNull(tee);
        Assert.Equal(("Tee, black, M", 24.00m, 19.99m), (tee.Title, tee.ListPrice, tee.MinimumAdvertisedPrice));
        Assert.Equal(
            ["Amazon:TEE-BLK-M-FBA:amazon-fba:ATVPDKIKX0DER", "Amazon:TEE-BLK-M:main", "Shopify:TEE-BLK-M:main", "TikTokShop:TEE-BLK-M:main", "Walmart:WM-TEE-M:main"],
            tee.Listings.Select(l => $"{l.Channel}:{l.ChannelSku}:{l.StockLocation}").Order(StringComparer.Ordinal));
        Assert.Equal(Summary(record), Summary((await Store.GetImportAsync("brand-a", record.ImportId, Token))!.Value.Record));
    }

    [Fact]
    public async Task CatalogJsonLines_GoodFile_StoresItemsWithTheirListings()
    {
        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.JsonLines, CatalogFiles.CatalogJsonLines);

        var cap = await Store.GetItemAsync("brand-a", "CAP-BLU", Token);
        var listing = Assert.Single(cap!.Listings);
        Assert.Equal((SalesChannel.Walmart, "CAP-BLU", "west", "node-1"), (listing.Channel, listing.ChannelSku, listing.StockLocation, listing.ShipNode));
        Assert.Equal(18m, (await Store.GetItemAsync("brand-a", "CAP-RED", Token))!.ListPrice);
    }

    [Fact]
    public async Task SameFileTwice_SecondAnswersWithTheFirstRecordAndChangesNothing()
    {
        var first = await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);
        var before = (await BrandDocumentsAsync("brand-a")).Select(d => (d.GetProperty("id").GetString(), d.GetProperty("_etag").GetString())).Order().ToList();

        var second = await ImportAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);

        Assert.Equal(Summary(first), Summary(Assert.IsType<ImportOutcome.AlreadyApplied>(second).Record));
        var after = (await BrandDocumentsAsync("brand-a")).Select(d => (d.GetProperty("id").GetString(), d.GetProperty("_etag").GetString())).Order().ToList();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task BadCatalogFile_IsRejectedWithLineAndColumnAndWritesNothing()
    {
        var bad = CatalogFiles.CatalogCsv + "HAT,Hat,,active,usd,abc,,,,,,,,,,,,\n" + "SOCK,,,active,USD,5,,,77,,,,,,,,,\n";

        var outcome = Assert.IsType<ImportOutcome.Rejected>(await ImportAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, bad));

        Assert.Equal(
            [(5, "currency (column 5)"), (5, "listPrice (column 6)"), (6, "shopifyInventoryItemId (column 8)"), (6, "title (column 2)")],
            outcome.Errors.Select(e => (e.Line, e.Column!)));
        Assert.Equal(4, outcome.ErrorCount);
        Assert.Empty(await BrandDocumentsAsync("brand-a"));
    }

    [Fact]
    public async Task BadFile_ManyErrors_ReportsTheFirstOnesAndTheTotal()
    {
        var rows = string.Concat(Enumerable.Range(0, 30).Select(i => $"{{\"sku\":\"S{i}\",\"title\":\"t\",\"currency\":\"XXX\"}}\n"));

        var outcome = Assert.IsType<ImportOutcome.Rejected>(await Importer(maxReportedErrors: 10).ImportAsync(
            new ImportRequest("brand-a", ImportKind.Catalog, ImportFormat.JsonLines, System.Text.Encoding.UTF8.GetBytes(rows), "op"), Token));

        Assert.Equal((10, 30), (outcome.Errors.Count, outcome.ErrorCount));
        Assert.Equal(Enumerable.Range(1, 10), outcome.Errors.Select(e => e.Line));
        Assert.All(outcome.Errors, e => Assert.Equal("$.currency", e.Column));
    }

    [Fact]
    public async Task Costs_ForASkuNotInTheCatalogOrInAnotherCurrency_AreRejectedAndNothingWritten()
    {
        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);
        var before = await BrandDocumentsAsync("brand-a");

        var outcome = Assert.IsType<ImportOutcome.Rejected>(await ImportAsync("brand-a", ImportKind.Costs, ImportFormat.Csv,
            "sku,unitCost,currency,effectiveFrom\nTEE-BLK-M,6.40,USD,2026-01-01\nNOPE,1,USD,2026-01-01\nMUG-01,3,EUR,2026-01-01\n"));

        Assert.Equal([(3, "sku (column 1)"), (4, "currency (column 3)")], outcome.Errors.Select(e => (e.Line, e.Column!)));
        Assert.Equal(before.Count, (await BrandDocumentsAsync("brand-a")).Count);
        Assert.Empty(await Store.GetCostsAsync("brand-a", "TEE-BLK-M", Token));
    }

    [Fact]
    public async Task StockCounts_GoodFile_AppliesOneCountMovementPerLineKeyedByTheCount()
    {
        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);

        var record = await ImportOkAsync("brand-a", ImportKind.StockCounts, ImportFormat.Csv, CatalogFiles.StockCountsCsv);

        Assert.Equal(2, record.Written["counts"]);
        Assert.Equal(
            [("MUG-01", "main", 12, "count:2026-01-05T08:00:00.0000000Z:main"), ("TEE-BLK-M", "main", 40, "count:2026-01-05T08:00:00.0000000Z:main")],
            Ledger.Applied.Select(m => (m.Sku, m.Location, m.Quantity, m.Cause)).OrderBy(m => m.Sku, StringComparer.Ordinal));
        Assert.All(Ledger.Applied, m => Assert.Equal(StockMovementKind.Count, m.Kind));
    }

    [Fact]
    public async Task StockCounts_SameCountsResavedWithBomCrlfAndAnotherOffset_ApplyNothingTheSecondTime()
    {
        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);
        await ImportOkAsync("brand-a", ImportKind.StockCounts, ImportFormat.Csv, CatalogFiles.StockCountsCsv);

        // The spreadsheet's re-export: a BOM, CRLF line ends, the same instants written in another offset, other reasons.
        var resaved = "\uFEFFsku,location,countedQuantity,countedAt,reason\r\n"
            + "TEE-BLK-M,main,40,2026-01-05T03:00:00-05:00,cycle count (re-export)\r\n"
            + "MUG-01,main,12,2026-01-05T08:00:00+00:00,\r\n";
        var record = await ImportOkAsync("brand-a", ImportKind.StockCounts, ImportFormat.Csv, resaved);

        Assert.Equal((0, 2), (record.Written["counts"], record.Written["countsAlreadyApplied"]));
        Assert.Equal(2, Ledger.Applied.Count);
    }

    [Fact]
    public async Task StockCounts_SameSkuAndLocationCountedAgainLater_AppliesTheNewCount()
    {
        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);
        await ImportOkAsync("brand-a", ImportKind.StockCounts, ImportFormat.Csv, CatalogFiles.StockCountsCsv);

        var record = await ImportOkAsync("brand-a", ImportKind.StockCounts, ImportFormat.Csv,
            "sku,location,countedQuantity,countedAt,reason\nTEE-BLK-M,main,40,2026-02-05T08:00:00Z,next month's count\n");

        Assert.Equal(1, record.Written["counts"]);
        Assert.Equal(3, Ledger.Applied.Count);
    }

    [Fact]
    public async Task StockCounts_SameCountImportedAgainWithAnotherQuantity_IsRejectedNamingTheLineAndNothingIsWritten()
    {
        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);
        await ImportOkAsync("brand-a", ImportKind.StockCounts, ImportFormat.Csv, CatalogFiles.StockCountsCsv);

        // Line 2 is a new count that would apply; line 3 is the count of 2026-01-05 08:00 again, with another figure.
        var outcome = await ImportAsync("brand-a", ImportKind.StockCounts, ImportFormat.Csv,
            "sku,location,countedQuantity,countedAt\nMUG-01,main,13,2026-02-05T08:00:00Z\nTEE-BLK-M,main,41,2026-01-05T08:00:00Z\n");

        var rejected = Assert.IsType<ImportOutcome.Rejected>(outcome);
        var error = Assert.Single(rejected.Errors);
        Assert.Equal((3, "countedQuantity (column 3)"), (error.Line, error.Column));
        Assert.Contains("40", error.Message, StringComparison.Ordinal);
        Assert.Equal(40, Ledger.Applied.Single(m => m.Sku == "TEE-BLK-M").Quantity);
        Assert.Equal(2, Ledger.Applied.Count);
        Assert.Equal(2, (await BrandDocumentsAsync("brand-a")).Count(d => d.GetProperty("type").GetString() == "importRecord"));
    }

    [Fact]
    public async Task StockCountsJsonLines_SameCountWithAnotherQuantity_IsRejectedAtItsLineAndTheSameQuantityIsNot()
    {
        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);
        await ImportOkAsync("brand-a", ImportKind.StockCounts, ImportFormat.Csv, CatalogFiles.StockCountsCsv);

        var outcome = await ImportAsync("brand-a", ImportKind.StockCounts, ImportFormat.JsonLines,
            "{\"sku\":\"TEE-BLK-M\",\"location\":\"main\",\"countedQuantity\":40,\"countedAt\":\"2026-01-05T08:00:00Z\"}\n"
            + "{\"sku\":\"MUG-01\",\"location\":\"main\",\"countedQuantity\":11,\"countedAt\":\"2026-01-05T03:00:00-05:00\"}\n");

        var error = Assert.Single(Assert.IsType<ImportOutcome.Rejected>(outcome).Errors);
        Assert.Equal((2, "$.countedQuantity"), (error.Line, error.Column));
        Assert.Equal(12, Ledger.Applied.Single(m => m.Sku == "MUG-01").Quantity);
        Assert.Equal(2, Ledger.Applied.Count);
    }

    [Fact]
    public async Task ImportLeftApplying_SameFilePostedAgain_CompletesItWithoutDuplicates()
    {
        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);
        var record = await ImportOkAsync("brand-a", ImportKind.StockCounts, ImportFormat.Csv, CatalogFiles.StockCountsCsv);

        // As a crash after the first movement but before the record was marked applied leaves it.
        var stored = (await Store.GetImportAsync("brand-a", record.ImportId, Token))!.Value;
        Assert.True(await Store.TryReplaceImportAsync(record with { State = ImportState.Applying, AppliedAt = null }, stored.ETag, Token));

        var resumed = await ImportAsync("brand-a", ImportKind.StockCounts, ImportFormat.Csv, CatalogFiles.StockCountsCsv);

        var applied = Assert.IsType<ImportOutcome.Applied>(resumed).Record;
        Assert.Equal((ImportState.Applied, record.ReceivedAt, 0, 2), (applied.State, applied.ReceivedAt, applied.Written["counts"], applied.Written["countsAlreadyApplied"]));
        Assert.Equal(2, Ledger.Applied.Count);
    }

    [Fact]
    public async Task SameFilePostedFourTimesAtOnce_OneRecordAndEveryCountAppliedOnce()
    {
        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ImportAsync("brand-a", ImportKind.StockCounts, ImportFormat.Csv, CatalogFiles.StockCountsCsv)));

        Assert.All(outcomes, o => Assert.True(o is ImportOutcome.Applied or ImportOutcome.AlreadyApplied, o.ToString()));
        Assert.Single(outcomes.Select(o => o is ImportOutcome.Applied a ? a.Record.ImportId : ((ImportOutcome.AlreadyApplied)o).Record.ImportId).Distinct());
        Assert.Equal(2, Ledger.Applied.Count);
        var records = (await BrandDocumentsAsync("brand-a")).Where(d => d.GetProperty("type").GetString() == "importRecord").ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("Applied", r.GetProperty("record").GetProperty("state").GetString()));
    }

    [Fact]
    public async Task CatalogReimport_ListingDroppedFromAnItem_NoLongerResolves()
    {
        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);

        var record = await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv,
            "sku,title,category,currency,listPrice,map,amazonMarketplaceId,amazonSellerSku,amazonFba\nTEE-BLK-M,\"Tee, black, M\",Apparel,USD,24.00,19.99,ATVPDKIKX0DER,TEE-BLK-M-FBA,true\n");

        Assert.Equal(4, record.Written["listingsRemoved"]);
        var resolution = await Reader.ResolveAsync("brand-a", SalesChannel.Amazon, ["TEE-BLK-M", "TEE-BLK-M-FBA"], DateTimeOffset.UtcNow, Token);
        Assert.Equal(["TEE-BLK-M"], resolution.Unmapped);
        Assert.True(resolution.Lines["TEE-BLK-M-FBA"].ChannelFulfilled);
    }

    [Fact]
    public async Task Catalog_ChannelSkuHeldByAnotherStoredItem_IsRejectedUnlessThatItemIsInTheFile()
    {
        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);

        var taken = Assert.IsType<ImportOutcome.Rejected>(await ImportAsync("brand-a", ImportKind.Catalog, ImportFormat.JsonLines,
            "{\"sku\":\"MUG-02\",\"title\":\"Mug 2\",\"currency\":\"USD\",\"shopifySku\":\"MUG-01\",\"shopifyInventoryItemId\":\"9\",\"shopifyLocationId\":\"77\"}\n"));
        Assert.Equal((1, "$.shopifySku"), (taken.Errors[0].Line, taken.Errors[0].Column));

        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.JsonLines,
            "{\"sku\":\"MUG-02\",\"title\":\"Mug 2\",\"currency\":\"USD\",\"shopifySku\":\"MUG-01\",\"shopifyInventoryItemId\":\"9\",\"shopifyLocationId\":\"77\"}\n"
            + "{\"sku\":\"MUG-01\",\"title\":\"Mug\",\"currency\":\"USD\"}\n");
        var moved = await Reader.ResolveAsync("brand-a", SalesChannel.Shopify, ["MUG-01"], DateTimeOffset.UtcNow, Token);
        Assert.Equal("MUG-02", moved.Lines["MUG-01"].Sku);
        Assert.Empty((await Store.GetItemAsync("brand-a", "MUG-01", Token))!.Listings);
    }

    [Fact]
    public async Task Catalog_ChannelSkuHeldByAnotherItemOnAnItemsSecondRow_IsRejectedAtThatRow()
    {
        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);

        // An item's merchant and FBA seller SKUs take a row each; the FBA one (line 2) belongs to TEE-BLK-M.
        var taken = Assert.IsType<ImportOutcome.Rejected>(await ImportAsync("brand-a", ImportKind.Catalog, ImportFormat.JsonLines,
            "{\"sku\":\"CAP-01\",\"title\":\"Cap\",\"currency\":\"USD\",\"amazonSellerSku\":\"CAP-01\",\"amazonMarketplaceId\":\"ATVPDKIKX0DER\"}\n"
            + "{\"sku\":\"CAP-01\",\"title\":\"Cap\",\"currency\":\"USD\",\"amazonSellerSku\":\"TEE-BLK-M-FBA\",\"amazonMarketplaceId\":\"ATVPDKIKX0DER\",\"amazonFba\":true}\n"));

        var error = Assert.Single(taken.Errors);
        Assert.Equal((2, "$.amazonSellerSku"), (error.Line, error.Column));
        Assert.Contains("TEE-BLK-M-FBA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fees_CorrectedFileWritesTheCategoryInAnotherLetterCase_ReplacesTheStoredRowInsteadOfStandingBesideIt()
    {
        await ImportOkAsync("brand-a", ImportKind.Fees, ImportFormat.JsonLines,
            "{\"channel\":\"amazon\",\"feeType\":\"referral\",\"category\":\"Grocery\",\"percent\":15,\"currency\":\"USD\",\"effectiveFrom\":\"2026-01-01\"}\n");

        await ImportOkAsync("brand-a", ImportKind.Fees, ImportFormat.JsonLines,
            "{\"channel\":\"amazon\",\"feeType\":\"referral\",\"category\":\"grocery\",\"percent\":8,\"currency\":\"USD\",\"effectiveFrom\":\"2026-01-01\"}\n");

        var stored = await Store.GetFeesAsync("brand-a", SalesChannel.Amazon, Token);
        Assert.Equal([("grocery", 8m)], stored.Select(r => (r.Category, r.Percent)));
        var inMarch = EffectivePeriods.FeesAt(stored, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(8m, Assert.Single(inMarch).Percent);
    }

    private static string Summary(ImportRecord record) =>
        $"{record with { Written = new Dictionary<string, int>() }} written {string.Join(",", record.Written.OrderBy(w => w.Key, StringComparer.Ordinal))}";
}
