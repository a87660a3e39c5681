using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Catalog.Import;

/// <summary>
/// Imports one file into a brand's catalog, costs, fee schedules or stock ledger, all or nothing as far as validation
/// goes: every row is read and checked (form, values, and against the stored catalog) before anything is written, and a
/// file with any error writes nothing. Idempotent per file: the import's id is the kind and the SHA-256 of the body, so
/// the same bytes posted again answer with the first import's record. Every write has a deterministic target (item,
/// listing, cost and fee documents by key; ledger counts by the count itself, <see cref="StockCount.Cause"/>) and the record
/// stays Applying until all are done, so a crash mid-way is completed, not duplicated, by posting the file again.
/// </summary>
public sealed partial class CatalogImporter
{
    private readonly CatalogStore _store;
    private readonly IInventoryLedgerStore? _ledger;
    private readonly CatalogOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CatalogImporter> _logger;
    private readonly IReadOnlyList<IImportKindPlanner> _planners;
    private readonly ListingDirtyMarker? _pushes;

    /// <param name="ledger">The inventory ledger; stock-count files are refused while none is registered.</param>
    /// <param name="planners">Plan the kinds this class does not (the review's history); a kind without one is refused.</param>
    /// <param name="pushes">Marks a listing a catalog file adds or moves for a push; null where nothing is pushed.</param>
    public CatalogImporter(
        CatalogStore store, IInventoryLedgerStore? ledger, IOptions<CatalogOptions> options, TimeProvider time, ILogger<CatalogImporter> logger,
        IEnumerable<IImportKindPlanner>? planners = null, ListingDirtyMarker? pushes = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _ledger = ledger;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _planners = [.. planners ?? []];
        _pushes = pushes;
    }

    /// <summary>The fields a file of <paramref name="kind"/> may have (CSV columns, JSON members).</summary>
    public static IReadOnlyList<string> FieldsOf(ImportKind kind) => kind switch
    {
        ImportKind.Catalog => CatalogRows.Fields,
        ImportKind.Costs => CostRows.Fields,
        ImportKind.Fees => FeeRows.Fields,
        _ => StockCountRows.Fields,
    };

    public async Task<ImportOutcome> ImportAsync(ImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(request.Body.Span));
        var importId = ImportRecord.IdFor(request.Kind, sha256);
        var existing = await _store.GetImportAsync(request.BrandId, importId, cancellationToken);
        if (existing is { Record.State: ImportState.Applied } done)
        {
            _logger.ImportRepeated(request.BrandId, importId);
            return new ImportOutcome.AlreadyApplied(done.Record);
        }

        var plan = await PlanAnyAsync(request, sha256, importId, cancellationToken);
        if (plan.Errors.Count > 0)
        {
            _logger.ImportRejected(request.BrandId, request.Kind, plan.Errors.Count);
            var ordered = plan.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column, StringComparer.Ordinal).ToList();
            return new ImportOutcome.Rejected([.. ordered.Take(_options.MaxReportedErrors)], ordered.Count, plan.Rows);
        }

        var record = existing?.Record ?? new ImportRecord(
            importId, request.BrandId, request.Kind, request.Format, sha256, request.Body.Length, plan.Rows, request.ImportedBy,
            _time.GetUtcNow(), ImportState.Applying, AppliedAt: null, new Dictionary<string, int>());
        string etag;
        if (existing is { } applying)
        {
            _logger.ImportResumed(request.BrandId, importId);
            etag = applying.ETag;
        }
        else if (await _store.TryCreateImportAsync(record, cancellationToken) is { } created)
        {
            etag = created;
        }
        else
        {
            // Another post of the same file created the record first: if it finished, answer with it; else help it
            // finish (every write below is idempotent).
            var other = await _store.GetImportAsync(request.BrandId, importId, cancellationToken)
                ?? throw new InvalidOperationException($"Import record {importId} of brand {request.BrandId} existed at create but not on read.");
            if (other.Record.State == ImportState.Applied)
            {
                return new ImportOutcome.AlreadyApplied(other.Record);
            }

            (record, etag) = other;
        }

        var written = await plan.Apply(cancellationToken);
        var applied = record with { State = ImportState.Applied, AppliedAt = _time.GetUtcNow(), Written = written, SupersededLines = plan.SupersededLines().ToList() };
        if (!await _store.TryReplaceImportAsync(applied, etag, cancellationToken))
        {
            var other = await _store.GetImportAsync(request.BrandId, importId, cancellationToken);
            if (other is { Record.State: ImportState.Applied })
            {
                return new ImportOutcome.Applied(other.Value.Record);
            }

            throw new InvalidOperationException($"Import record {importId} of brand {request.BrandId} changed while it was applied and is not Applied; post the file again.");
        }

        _logger.ImportApplied(request.BrandId, importId, request.Kind, plan.Rows, request.ImportedBy);
        return new ImportOutcome.Applied(applied);
    }

    /// <summary>A planner's plan for its kinds; the catalog's own kinds read the file into rows and plan here.</summary>
    private async Task<ImportPlan> PlanAnyAsync(ImportRequest request, string sha256, string importId, CancellationToken cancellationToken)
    {
        if (_planners.FirstOrDefault(p => p.Plans(request.Kind)) is { } planner)
        {
            return await planner.PlanAsync(request, importId, cancellationToken);
        }

        if (request.Kind.IsReviewHistory())
        {
            return new ImportPlan([new ImportError(1, null, $"{request.Kind.Slug()} files cannot be imported: this deployment has no review data store registered.")], _ => throw new InvalidOperationException("Nothing to apply."));
        }

        var file = ImportFileReader.Read(request.Body, request.Format, FieldsOf(request.Kind));
        return await PlanAsync(request, sha256, file, cancellationToken) with { Rows = file.Rows.Count };
    }

    private Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = _options.ImportConcurrency, CancellationToken = cancellationToken }, body);
}
