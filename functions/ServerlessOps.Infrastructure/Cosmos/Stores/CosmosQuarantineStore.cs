using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Cosmos.Stores;

/// <summary><see cref="IQuarantineStore"/> on container <c>quarantine</c> (partition = brand).</summary>
public sealed class CosmosQuarantineStore : IQuarantineStore
{
    private readonly CosmosDocuments<QuarantineDocument> _documents;

    public CosmosQuarantineStore(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<CosmosQuarantineStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _documents = new(containers.Quarantine, options.Value.QueryPageSize, logger);
    }

    public async Task<Versioned<QuarantinedDelivery>?> GetAsync(string brandId, string deliveryKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(deliveryKey);
        var read = await _documents.ReadAsync(QuarantineDocument.PartitionKeyFor(brandId), CosmosIds.Encode(deliveryKey), cancellationToken);
        return read is { } found ? new Versioned<QuarantinedDelivery>(found.Document.ToDomain(), found.ETag) : null;
    }

    public async Task<Versioned<QuarantinedDelivery>> CreateAsync(QuarantinedDelivery delivery, CancellationToken cancellationToken = default)
    {
        var document = QuarantineDocument.FromDomain(delivery);
        var etag = await _documents.CreateAsync(document, document.Pk, document.Id, cancellationToken);
        return new Versioned<QuarantinedDelivery>(delivery, etag);
    }

    public async Task<Versioned<QuarantinedDelivery>> UpsertAsync(QuarantinedDelivery delivery, CancellationToken cancellationToken = default)
    {
        var document = QuarantineDocument.FromDomain(delivery);
        var etag = await _documents.UpsertAsync(document, document.Pk, document.Id, cancellationToken);
        return new Versioned<QuarantinedDelivery>(delivery, etag);
    }

    public async Task<Versioned<QuarantinedDelivery>> ReplaceAsync(QuarantinedDelivery delivery, string ifMatchETag, CancellationToken cancellationToken = default)
    {
        var document = QuarantineDocument.FromDomain(delivery);
        var etag = await _documents.ReplaceAsync(document, document.Pk, document.Id, ifMatchETag, cancellationToken);
        return new Versioned<QuarantinedDelivery>(delivery, etag);
    }

    /// <summary>Newest quarantined first; optionally one state.</summary>
    public async Task<IReadOnlyList<QuarantinedDelivery>> ListAsync(string brandId, QuarantineState? state = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var documents = await _documents.QueryAsync(
            QuarantineDocument.PartitionKeyFor(brandId),
            QuarantineDocument.DocumentType,
            state is null ? null : "c.state = @state",
            "c.quarantinedAt DESC",
            state is { } only ? [new("@state", QuarantineDocument.StateValue(only))] : [],
            cancellationToken);
        return [.. documents.Select(d => d.ToDomain())];
    }

    public async Task<Page<QuarantinedDelivery>> ListPageAsync(string brandId, QuarantineState? state, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var documents = await KeysetPageQuery.ReadAsync(
            _documents,
            QuarantineDocument.PartitionKeyFor(brandId),
            QuarantineDocument.DocumentType,
            state is null ? null : "c.state = @state",
            state is { } only ? [new("@state", QuarantineDocument.StateValue(only))] : [],
            "c.quarantinedAt",
            d => d.QuarantinedAt,
            d => d.Id,
            page,
            cancellationToken);
        return new Page<QuarantinedDelivery>([.. documents.Items.Select(d => d.ToDomain())], documents.Next);
    }
}
