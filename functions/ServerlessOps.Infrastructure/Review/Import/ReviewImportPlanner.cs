using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Review.Import;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Review.Data;

namespace ServerlessOps.Infrastructure.Review.Import;

/// <summary>
/// Plans the review's history kinds for <see cref="CatalogImporter"/>: order history through <see cref="OrderHistoryImport"/>,
/// and ad spend, stock snapshots, targets and exchange rates read with the catalog's readers, checked by their
/// <c>…Rows</c> parsers and upserted into <c>reviewData</c> by key, a bounded number at a time.
/// </summary>
public sealed class ReviewImportPlanner(
    CosmosReviewDataStore store, OrderHistoryImport orders, IBrandDirectorySource brands, IOptions<ReviewImportOptions> options) : IImportKindPlanner
{
    public bool Plans(ImportKind kind) => kind.IsReviewHistory();

    public Task<ImportPlan> PlanAsync(ImportRequest request, string importId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind == ImportKind.Orders)
        {
            return Task.FromResult(orders.Plan(request, importId, cancellationToken));
        }

        var fields = request.Kind switch
        {
            ImportKind.AdSpend => AdSpendRows.Fields,
            ImportKind.StockSnapshots => StockSnapshotRows.Fields,
            ImportKind.Targets => TargetRows.Fields,
            _ => ExchangeRateRows.Fields,
        };
        var file = ImportFileReader.Read(request.Body, request.Format, fields);
        var plan = request.Kind switch
        {
            ImportKind.AdSpend => Plan(file, AdSpendRows.Parse(request.BrandId, importId, file.Rows), "adSpendDays", store.PutAdSpendAsync),
            ImportKind.StockSnapshots => Plan(file, StockSnapshotRows.Parse(request.BrandId, importId, file.Rows), "stockSnapshots", store.PutStockSnapshotAsync),
            ImportKind.Targets => Plan(file, TargetRows.Parse(request.BrandId, importId, BaseCurrency(request.BrandId), file.Rows), "targets", store.PutTargetAsync),
            _ => Plan(file, ExchangeRateRows.Parse(request.BrandId, importId, file.Rows), "exchangeRates", store.PutExchangeRateAsync),
        };
        return Task.FromResult(plan with { Rows = file.Rows.Count });
    }

    private string? BaseCurrency(string brandId) =>
        brands.Current.Brands.TryGetValue(brandId, out var brand) ? brand.BaseCurrency : null;

    private ImportPlan Plan<T>(ImportFile file, ImportParse<T> parse, string written, Func<T, CancellationToken, Task> put) =>
        new([.. file.Errors, .. parse.Errors], async ct =>
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.ImportConcurrency, CancellationToken = ct };
            await Parallel.ForEachAsync(parse.Values, parallel, async (row, token) => await put(row.Value, token));
            return new Dictionary<string, int> { [written] = parse.Values.Count };
        });
}
