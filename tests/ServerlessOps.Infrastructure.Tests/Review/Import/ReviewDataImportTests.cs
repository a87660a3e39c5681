using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Review.Import;

/// <summary>Ad spend, stock snapshots, targets and exchange rates: imported through the catalog's framework into reviewData, read back streamed by month.</summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed class ReviewDataImportTests(CosmosServerFixture cosmos) : ReviewImportTestBase(cosmos)
{
    [Fact]
    public async Task AdSpendCsv_ReadsBackByDayAcrossMonths_WithItsSourceRows()
    {
        var record = await ImportOkAsync(ImportKind.AdSpend, ImportFormat.Csv, HistoryFiles.AdSpendCsv);

        Assert.Equal((4, 4), (record.Rows, record.Written["adSpendDays"]));
        var days = await ToListAsync(ReviewData.ReadAdSpendAsync(Brand, new DateOnly(2025, 11, 1), new DateOnly(2026, 1, 1), Token));
        Assert.Equal(
            ["2025-11-30 Amazon SP-Mugs MUG-BLUE 42.10 180.50 12", "2025-12-01 Amazon SB-Brand - 25.00 0 0", "2025-12-01 Amazon SP-Mugs MUG-BLUE 40.00 150.00 10", "2025-12-02 TikTokShop Spark-Tee TEE-M 10.5 31.5 1"],
            days.Select(d => $"{d.Day:yyyy-MM-dd} {d.Channel} {d.Campaign} {d.Sku ?? "-"} {d.Spend} {d.AttributedSales} {d.AttributedUnits}").Order(StringComparer.Ordinal));
        Assert.Equal(days.Select(d => d.Day).Order(), days.Select(d => d.Day));
        Assert.Equal($"import:{record.ImportId}:line:2", days[0].SourceRow);
        Assert.Single(await ToListAsync(ReviewData.ReadAdSpendAsync(Brand, new DateOnly(2025, 12, 2), new DateOnly(2025, 12, 3), Token)));
    }

    [Fact]
    public async Task StockSnapshotsJsonLines_ReadBackPerDayAndLocation()
    {
        var record = await ImportOkAsync(ImportKind.StockSnapshots, ImportFormat.JsonLines, HistoryFiles.StockSnapshotsJsonLines);

        Assert.Equal(3, record.Written["stockSnapshots"]);
        var december = await ToListAsync(ReviewData.ReadStockSnapshotsAsync(Brand, new DateOnly(2025, 12, 1), new DateOnly(2026, 1, 1), Token));
        Assert.Equal(["amazon-fba:ATVPDKIKX0DER 40", "main 132"], december.Select(s => $"{s.Location} {s.OnHand}").Order(StringComparer.Ordinal));
        Assert.All(december, s => Assert.Equal(new DateOnly(2025, 12, 1), s.Day));
    }

    [Fact]
    public async Task TargetsCsv_ReadBackForTheirMonthOnly()
    {
        await ImportOkAsync(ImportKind.Targets, ImportFormat.Csv, HistoryFiles.TargetsCsv);

        var december = await ReviewData.GetTargetsAsync(Brand, new ReviewMonth(2025, 12), Token);
        Assert.Equal([(SalesChannel.Shopify, 30000m, (decimal?)null), (SalesChannel.Amazon, 48000m, 22.5m)], december.Select(t => (t.Channel, t.Revenue, t.MarginPercent)).OrderBy(t => t.Revenue));
        Assert.Equal(40000m, Assert.Single(await ReviewData.GetTargetsAsync(Brand, new ReviewMonth(2026, 1), Token)).Revenue);
        Assert.Empty(await ReviewData.GetTargetsAsync(Brand, new ReviewMonth(2026, 2), Token));
    }

    [Fact]
    public async Task ExchangeRates_SeveralCurrencies_ReadBackPerDay()
    {
        await ImportOkAsync(ImportKind.ExchangeRates, ImportFormat.JsonLines, HistoryFiles.ExchangeRatesJsonLines);

        var rates = await ReviewData.GetExchangeRatesAsync(Brand, new DateOnly(2025, 11, 30), new DateOnly(2025, 12, 3), Token);

        Assert.Equal(
            ["2025-11-30 EUR→USD 1.0842", "2025-12-01 EUR→USD 1.0851", "2025-12-01 GBP→USD 1.2703", "2025-12-02 CAD→USD 0.7391"],
            rates.Select(r => $"{r.Day:yyyy-MM-dd} {r.From}→{r.To} {r.Rate}").Order(StringComparer.Ordinal));
        Assert.Equal(["2025-12-01 EUR", "2025-12-01 GBP"],
            (await ReviewData.GetExchangeRatesAsync(Brand, new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 2), Token)).Select(r => $"{r.Day:yyyy-MM-dd} {r.From}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(ImportKind.AdSpend, ImportFormat.Csv, "day,channel,campaign,spend,currency\n2025-12-01,amazon,A,10,USD\n2025-12-32,ebay,A,-3,USD\n", 3, "channel (column 2)")]
    [InlineData(ImportKind.StockSnapshots, ImportFormat.JsonLines, "{\"day\":\"2025-12-01\",\"sku\":\"A\",\"location\":\"main\",\"onHand\":3}\n{\"day\":\"2025-12-01\",\"sku\":\"B\",\"location\":\"main\",\"onHand\":\"lots\"}\n", 2, "$.onHand")]
    [InlineData(ImportKind.Targets, ImportFormat.Csv, "channel,month,revenue,currency\namazon,2025-12,100,USD\nshopify,2025-13,100,USD\n", 3, "month (column 2)")]
    [InlineData(ImportKind.Targets, ImportFormat.Csv, "channel,month,revenue,currency\namazon,2025-12,100,EUR\n", 2, "currency (column 4)")]
    [InlineData(ImportKind.ExchangeRates, ImportFormat.JsonLines, "{\"day\":\"2025-12-01\",\"from\":\"EUR\",\"to\":\"USD\",\"rate\":1.08}\n{\"day\":\"2025-12-01\",\"from\":\"EUR\",\"to\":\"EUR\",\"rate\":1}\n", 2, "$.to")]
    public async Task BadFile_IsRejectedWithLineAndColumn_AndWritesNothing(ImportKind kind, ImportFormat format, string body, int line, string column)
    {
        var rejected = Assert.IsType<ImportOutcome.Rejected>(await ImportAsync(kind, format, body));

        Assert.Contains(rejected.Errors, e => e.Line == line && e.Column == column);
        Assert.Empty(await WrittenDocumentsAsync());
    }

    [Theory]
    [InlineData(ImportKind.AdSpend, ImportFormat.Csv, HistoryFiles.AdSpendCsv)]
    [InlineData(ImportKind.StockSnapshots, ImportFormat.JsonLines, HistoryFiles.StockSnapshotsJsonLines)]
    [InlineData(ImportKind.Targets, ImportFormat.Csv, HistoryFiles.TargetsCsv)]
    [InlineData(ImportKind.ExchangeRates, ImportFormat.JsonLines, HistoryFiles.ExchangeRatesJsonLines)]
    public async Task SameFileTwice_SecondChangesNothing(ImportKind kind, ImportFormat format, string body)
    {
        var first = await ImportOkAsync(kind, format, body);
        var before = await WrittenDocumentsAsync();

        var second = await ImportAsync(kind, format, body);

        Assert.Equal(first.ImportId, Assert.IsType<ImportOutcome.AlreadyApplied>(second).Record.ImportId);
        Assert.Equal(before, await WrittenDocumentsAsync());
    }

    [Fact]
    public async Task CorrectedFile_SameKeys_OverwritesInsteadOfAdding()
    {
        await ImportOkAsync(ImportKind.AdSpend, ImportFormat.Csv, HistoryFiles.AdSpendCsv);

        var corrected = await ImportOkAsync(ImportKind.AdSpend, ImportFormat.Csv, HistoryFiles.AdSpendCsv.Replace("42.10", "44.00", StringComparison.Ordinal));

        var days = await ToListAsync(ReviewData.ReadAdSpendAsync(Brand, new DateOnly(2025, 11, 1), new DateOnly(2026, 1, 1), Token));
        Assert.Equal(4, days.Count);
        var fixedDay = Assert.Single(days, d => d.Day == new DateOnly(2025, 11, 30));
        Assert.Equal((44.00m, $"import:{corrected.ImportId}:line:2"), (fixedDay.Spend, fixedDay.SourceRow));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
