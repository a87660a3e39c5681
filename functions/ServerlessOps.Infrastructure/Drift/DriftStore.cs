using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Drift;

/// <summary>
/// The drift documents (<see cref="ListingDriftDocument"/>) and the brand's catalog items a run walks (one
/// single-partition query of the catalog's <c>{brandId}|catalog</c>). Writes carry the ETag read; a lost race is a
/// <see cref="Domain.Concurrency.ConcurrencyConflictException"/> for the caller to decide on.
/// </summary>
public sealed class DriftStore
{
    private readonly CosmosDocuments<ListingDriftDocument> _drift;
    private readonly CosmosDocuments<CatalogItemDocument> _items;

    public DriftStore(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<DriftStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _drift = new(containers.InventoryLedger, options.Value.QueryPageSize, logger);
        _items = new(containers.Catalog, options.Value.QueryPageSize, logger);
    }

    public Task<(ListingDriftDocument Document, string ETag)?> ReadAsync(string brandId, SalesChannel channel, string channelSku, CancellationToken cancellationToken = default) =>
        _drift.ReadAsync(ListingDriftDocument.PartitionKeyFor(brandId), ListingDriftDocument.IdFor(channel, channelSku), cancellationToken);

    /// <summary>Creates (<paramref name="etag"/> null) or replaces under <paramref name="etag"/>; returns the new ETag.</summary>
    public Task<string> WriteAsync(ListingDriftDocument document, string? etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var clean = document with { ETag = null };
        return etag is null
            ? _drift.CreateAsync(clean, clean.Pk, clean.Id, cancellationToken)
            : _drift.ReplaceAsync(clean, clean.Pk, clean.Id, etag, cancellationToken);
    }

    /// <summary>The brand's drift documents, by id; of one SKU when <paramref name="sku"/> is given.</summary>
    public Task<IReadOnlyList<ListingDriftDocument>> ListAsync(string brandId, string? sku, CancellationToken cancellationToken = default) =>
        _drift.QueryAsync(
            ListingDriftDocument.PartitionKeyFor(brandId), ListingDriftDocument.DocumentType,
            sku is null ? null : "c.sku = @sku", "c.id ASC",
            sku is null ? [] : [new("@sku", sku)], cancellationToken);

    /// <summary>Every catalog item of the brand.</summary>
    public async Task<IReadOnlyList<CatalogItem>> ListItemsAsync(string brandId, CancellationToken cancellationToken = default) =>
        [.. (await _items.QueryAsync(CatalogDocuments.CatalogPartition(brandId), CatalogItemDocument.DocumentType, null, "c.id ASC", [], cancellationToken)).Select(d => d.Item)];
}
