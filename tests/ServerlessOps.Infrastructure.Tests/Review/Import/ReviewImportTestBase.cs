using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Review.Data;
using ServerlessOps.Infrastructure.Review.Import;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Review.Import;

/// <summary>
/// The import framework with the review's planner on a database of the test class's own: the catalog importer (as the
/// endpoint uses it), the order store and the review data store, brand <see cref="Brand"/> in USD going live on
/// <see cref="GoLive"/>.
/// </summary>
public abstract class ReviewImportTestBase(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    protected const string Brand = "brand-a";

    protected static readonly DateTimeOffset GoLive = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected Brands Registry { get; } = new(new Domain.Brands.Brand(
        Brand, "Brand A", "USD", "UTC", GoLive, new BrandOwners("ops@brand-a.example"), BrandPolicy.Default));

    protected CosmosOrderStore Orders => new(Containers, Options, NullLogger<CosmosOrderStore>.Instance);

    protected CosmosReviewDataStore ReviewData => new(Containers, Options, NullLogger<CosmosReviewDataStore>.Instance);

    /// <summary>The converger as webhook ingestion uses it, with a flow starter that records what it is told.</summary>
    protected OrderConverger WebhookConverger(IOrderFlowStarter flows) => new(Orders, Registry, TimeProvider.System, flows);

    protected CatalogImporter Importer()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ReviewImportOptions { ImportConcurrency = 4 });
        var history = new OrderHistoryImport(Orders, Registry, TimeProvider.System, options, NullLogger<OrderHistoryImport>.Instance);
        var planner = new ReviewImportPlanner(ReviewData, history, Registry, options);
        return new CatalogImporter(
            new CatalogStore(Containers, Options, NullLogger<CatalogStore>.Instance), null,
            Microsoft.Extensions.Options.Options.Create(new CatalogOptions { ImportConcurrency = 4 }),
            TimeProvider.System, NullLogger<CatalogImporter>.Instance, [planner]);
    }

    protected Task<ImportOutcome> ImportAsync(ImportKind kind, ImportFormat format, string body) =>
        Importer().ImportAsync(new ImportRequest(Brand, kind, format, Encoding.UTF8.GetBytes(body), "test-operator"), Token);

    protected async Task<ImportRecord> ImportOkAsync(ImportKind kind, ImportFormat format, string body)
    {
        var outcome = await ImportAsync(kind, format, body);
        return outcome is ImportOutcome.Applied applied
            ? applied.Record
            : throw new Xunit.Sdk.XunitException($"Expected the {kind} file to be applied, got {outcome}: {string.Join(" | ", (outcome as ImportOutcome.Rejected)?.Errors.Select(e => $"{e.Line} {e.Column} {e.Message}") ?? [])}");
    }

    protected async Task<Order> OrderAsync(string orderId) =>
        (await Orders.GetAsync(Brand, orderId, Token))?.Value.Order ?? throw new Xunit.Sdk.XunitException($"Order {orderId} is not stored.");

    /// <summary>
    /// Every document the review imports can have written for the brand (orders and their locators, review data of 2025
    /// and 2026), as (id, ETag), sorted. Partition by partition: the local Cosmos server answers no cross-partition query.
    /// </summary>
    protected async Task<IReadOnlyList<(string? Id, string? ETag)>> WrittenDocumentsAsync()
    {
        var months = Enumerable.Range(0, 24).Select(i => new DateOnly(2025, 1, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var reviewData = Containers.Client.GetContainer(Containers.DatabaseName, "reviewData");
        var partitions = months.Select(m => (Containers.Orders, $"{Brand}|{m}"))
            .Concat("0123456789abcdef".Select(b => (Containers.Orders, $"{Brand}|locator|{b}")))
            .Concat(new[] { "adSpend", "stockSnapshots", "targets", "exchangeRates" }.SelectMany(k => months.Select(m => (reviewData, $"{Brand}|{k}|{m}"))));
        var all = new List<(string?, string?)>();
        foreach (var (container, pk) in partitions)
        {
            var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk").WithParameter("@pk", pk);
            using var iterator = container.GetItemQueryIterator<JsonElement>(
                query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(pk), EnableOptimisticDirectExecution = true });
            while (iterator.HasMoreResults)
            {
                all.AddRange((await iterator.ReadNextAsync(Token)).Select(d => (d.GetProperty("id").GetString(), d.GetProperty("_etag").GetString())));
            }
        }

        return [.. all.Order()];
    }

    protected static DeliveryReference Webhook(string key) =>
        new(key, Domain.Channels.SalesChannel.Shopify, key, "orders/updated", $"blob-{key}", DateTimeOffset.UtcNow, DeliveryOutcome.Applied);

    /// <summary>A registry holding the given brands.</summary>
    protected sealed class Brands(params Domain.Brands.Brand[] brands) : IBrandDirectorySource
    {
        public BrandDirectory Current { get; } = new(brands, []);
    }

    /// <summary>Records every order it is told about.</summary>
    protected sealed class RecordingFlowStarter : IOrderFlowStarter
    {
        private readonly List<string> _orders = [];

        public IReadOnlyList<string> Orders
        {
            get
            {
                lock (_orders)
                {
                    return [.. _orders];
                }
            }
        }

        public Task OrderChangedAsync(Order order, CancellationToken cancellationToken = default)
        {
            lock (_orders)
            {
                _orders.Add(order.Id);
            }

            return Task.CompletedTask;
        }
    }
}
