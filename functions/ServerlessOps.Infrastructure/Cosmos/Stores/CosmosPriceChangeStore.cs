using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Cosmos.Stores;

/// <summary><see cref="IPriceChangeStore"/> on container <c>priceChanges</c> (partition = brand and item key).</summary>
public sealed class CosmosPriceChangeStore : IPriceChangeStore
{
    private readonly CosmosDocuments<PriceChangeDocument> _documents;

    public CosmosPriceChangeStore(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<CosmosPriceChangeStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _documents = new(containers.PriceChanges, options.Value.QueryPageSize, logger);
    }

    /// <summary>An upsert by the observation's deterministic id: a redelivery rewrites the same document.</summary>
    public async Task RecordAsync(PriceChange change, CancellationToken cancellationToken = default)
    {
        var document = PriceChangeDocument.FromDomain(change);
        await _documents.UpsertAsync(document, document.Pk, document.Id, cancellationToken);
    }

    /// <param name="itemKey">An <see cref="Domain.Inventory.ItemKey"/> value: the SKU, else <c>item:{channel item id}</c>.</param>
    public async Task<IReadOnlyList<PriceChange>> ListAsync(string brandId, string itemKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemKey);
        var documents = await _documents.QueryAsync(
            PriceChangeDocument.PartitionKeyFor(brandId, itemKey),
            PriceChangeDocument.DocumentType,
            filter: null,
            "c.observedAt DESC",
            [],
            cancellationToken);
        return [.. documents.Select(d => d.ToDomain())];
    }
}
