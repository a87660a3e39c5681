using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary><see cref="IPrivacyRequestStore"/> on container <c>orders</c>, one partition per brand (<see cref="PrivacyRequestDocument"/>).</summary>
public sealed class CosmosPrivacyRequestStore : IPrivacyRequestStore
{
    private readonly CosmosDocuments<PrivacyRequestDocument> _documents;

    public CosmosPrivacyRequestStore(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<CosmosPrivacyRequestStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _documents = new(containers.Orders, options.Value.QueryPageSize, logger);
    }

    public async Task<Versioned<PrivacyRequest>?> GetAsync(string brandId, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        var read = await _documents.ReadAsync(PrivacyRequestDocument.PartitionKeyFor(brandId), CosmosIds.Encode(requestId), cancellationToken);
        return read is { } found ? new Versioned<PrivacyRequest>(found.Document.ToDomain(), found.ETag) : null;
    }

    public async Task<Versioned<PrivacyRequest>> CreateAsync(PrivacyRequest request, CancellationToken cancellationToken = default)
    {
        var document = PrivacyRequestDocument.FromDomain(request);
        var etag = await _documents.CreateAsync(document, document.Pk, document.Id, cancellationToken);
        return new Versioned<PrivacyRequest>(request, etag);
    }

    public async Task<Versioned<PrivacyRequest>> ReplaceAsync(PrivacyRequest request, string ifMatchETag, CancellationToken cancellationToken = default)
    {
        var document = PrivacyRequestDocument.FromDomain(request);
        var etag = await _documents.ReplaceAsync(document, document.Pk, document.Id, ifMatchETag, cancellationToken);
        return new Versioned<PrivacyRequest>(request, etag);
    }

    public async Task<Page<PrivacyRequest>> ListAsync(string brandId, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var documents = await KeysetPageQuery.ReadAsync(
            _documents, PrivacyRequestDocument.PartitionKeyFor(brandId), PrivacyRequestDocument.DocumentType, null, [],
            "c.receivedAt", d => d.ReceivedAt, d => d.Id, page, cancellationToken);
        return new Page<PrivacyRequest>([.. documents.Items.Select(d => d.ToDomain())], documents.Next);
    }

    public async Task<IReadOnlyList<PrivacyRequest>> ListOpenAsync(string brandId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var documents = await _documents.QueryAsync(
            PrivacyRequestDocument.PartitionKeyFor(brandId), PrivacyRequestDocument.DocumentType, "c.request.state != @completed", "c.receivedAt DESC",
            [new("@completed", nameof(PrivacyRequestState.Completed))], cancellationToken);
        return [.. documents.Select(d => d.ToDomain())];
    }
}
