using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Catalog;

/// <summary>A catalog store, reader and importer on a database of the test class's own.</summary>
public abstract class CatalogTestBase(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    protected RecordingLedger Ledger { get; } = new();

    protected CatalogStore Store => new(Containers, Options, NullLogger<CatalogStore>.Instance);

    protected CosmosCatalogReader Reader => new(new CachedCatalogReader(Store, NoCache()));

    /// <summary>A read cache that keeps nothing (<see cref="CatalogOptions.ReadCacheSeconds"/> 0).</summary>
    protected static CatalogReadCache NoCache() =>
        new(Microsoft.Extensions.Options.Options.Create(new CatalogOptions { ReadCacheSeconds = 0 }), TimeProvider.System);

    protected CatalogImporter Importer(int maxReportedErrors = 100) => new(
        Store, Ledger, Microsoft.Extensions.Options.Options.Create(new CatalogOptions { MaxReportedErrors = maxReportedErrors, ImportConcurrency = 4 }),
        TimeProvider.System, NullLogger<CatalogImporter>.Instance);

    protected Task<ImportOutcome> ImportAsync(string brandId, ImportKind kind, ImportFormat format, string body) =>
        Importer().ImportAsync(new ImportRequest(brandId, kind, format, Encoding.UTF8.GetBytes(body), "test-operator"), Token);

    protected async Task<ImportRecord> ImportOkAsync(string brandId, ImportKind kind, ImportFormat format, string body)
    {
        var outcome = await ImportAsync(brandId, kind, format, body);
        return outcome is ImportOutcome.Applied applied
            ? applied.Record
            : throw new Xunit.Sdk.XunitException($"Expected the {kind} file to be applied, got {outcome}: {(outcome as ImportOutcome.Rejected)?.Errors[0]}");
    }

    /// <summary>Every document of the brand in the catalog container (both of its partitions), as raw JSON.</summary>
    protected async Task<IReadOnlyList<JsonElement>> BrandDocumentsAsync(string brandId)
    {
        var all = new List<JsonElement>();
        foreach (var pk in new[] { $"{brandId}|catalog", $"{brandId}|imports" })
        {
            var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk").WithParameter("@pk", pk);
            using var iterator = Containers.Catalog.GetItemQueryIterator<JsonElement>(
                query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(pk), EnableOptimisticDirectExecution = true });
            while (iterator.HasMoreResults)
            {
                all.AddRange(await iterator.ReadNextAsync(Token));
            }
        }

        return all;
    }

    /// <summary>
    /// An in-memory ledger keeping the movements it was asked to apply, each once by brand, SKU and entry id; like the
    /// real one, it refuses an entry id already recorded for another location or quantity.
    /// </summary>
    protected sealed class RecordingLedger : IInventoryLedgerStore
    {
        private readonly Dictionary<string, StockMovement> _applied = new(StringComparer.Ordinal);

        public IReadOnlyList<StockMovement> Applied
        {
            get
            {
                lock (_applied)
                {
                    return [.. _applied.Values];
                }
            }
        }

        public Task<StockApplyResult> ApplyAsync(StockMovement movement, CancellationToken cancellationToken)
        {
            lock (_applied)
            {
                // An entry id is unique per brand and SKU (the real ledger's partition), not across SKUs.
                var key = $"{movement.BrandId}|{movement.Sku}|{movement.EntryId}";
                if (_applied.TryGetValue(key, out var recorded) && (recorded.Location != movement.Location || recorded.Quantity != movement.Quantity))
                {
                    throw new StockMovementConflictException($"{movement.EntryId} is recorded for another movement.") { Recorded = recorded };
                }

                var outcome = _applied.TryAdd(key, movement) ? StockApplyOutcome.Applied : StockApplyOutcome.AlreadyApplied;
                return Task.FromResult(new StockApplyResult(movement, outcome, new StockBalance(movement.BrandId, movement.Sku, movement.Location, movement.Quantity, 0)));
            }
        }

        public Task<StockMovement?> FindMovementAsync(string brandId, string sku, string entryId, CancellationToken cancellationToken)
        {
            lock (_applied)
            {
                return Task.FromResult(_applied.GetValueOrDefault($"{brandId}|{sku}|{entryId}"));
            }
        }

        public Task<StockBalance> GetBalanceAsync(string brandId, string sku, string location, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<StockPosition> GetPositionAsync(string brandId, string sku, string location, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<StockLedgerEntry>> ListEntriesAsync(string brandId, string sku, int limit, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<StockLedgerEntry>> ListEntriesAppliedAfterAsync(string brandId, string sku, DateTimeOffset after, int limit, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
