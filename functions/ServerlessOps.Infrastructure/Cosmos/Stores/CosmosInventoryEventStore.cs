using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Cosmos.Stores;

/// <summary><see cref="IInventoryEventStore"/> on container <c>inventoryEvents</c> (partition = brand and item key).</summary>
public sealed class CosmosInventoryEventStore : IInventoryEventStore
{
    private readonly CosmosDocuments<InventoryEventDocument> _documents;

    public CosmosInventoryEventStore(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<CosmosInventoryEventStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _documents = new(containers.InventoryEvents, options.Value.QueryPageSize, logger);
    }

    /// <summary>An upsert by the event's deterministic id: a redelivery rewrites the same document, never adds one.</summary>
    public async Task RecordAsync(InventoryLevelEvent levelEvent, CancellationToken cancellationToken = default)
    {
        var document = InventoryEventDocument.FromDomain(levelEvent);
        await _documents.UpsertAsync(document, document.Pk, document.Id, cancellationToken);
    }

    /// <param name="itemKey">An <see cref="ItemKey"/> value: the SKU, else <c>item:{channel item id}</c>.</param>
    public async Task<IReadOnlyList<InventoryLevelEvent>> ListAsync(string brandId, string itemKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemKey);
        var documents = await _documents.QueryAsync(
            InventoryEventDocument.PartitionKeyFor(brandId, itemKey),
            InventoryEventDocument.DocumentType,
            filter: null,
            "c.observedAt DESC",
            [],
            cancellationToken);
        return [.. documents.Select(d => d.ToDomain())];
    }
}
