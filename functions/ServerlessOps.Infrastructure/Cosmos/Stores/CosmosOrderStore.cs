using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Cosmos.Stores;

/// <summary><see cref="IOrderStore"/> on container <c>orders</c> (partition = brand).</summary>
public sealed class CosmosOrderStore : IOrderStore
{
    private readonly CosmosDocuments<OrderDocument> _documents;

    public CosmosOrderStore(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<CosmosOrderStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _documents = new(containers.Orders, options.Value.QueryPageSize, logger);
    }

    public async Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var read = await _documents.ReadAsync(OrderDocument.PartitionKeyFor(brandId), CosmosIds.Encode(orderId), cancellationToken);
        return read is { } found ? new Versioned<StoredOrder>(found.Document.ToDomain(), found.ETag) : null;
    }

    public async Task<Versioned<StoredOrder>> CreateAsync(StoredOrder order, CancellationToken cancellationToken = default)
    {
        var document = OrderDocument.FromDomain(order);
        var etag = await _documents.CreateAsync(document, document.Pk, document.Id, cancellationToken);
        return new Versioned<StoredOrder>(order, etag);
    }

    public async Task<Versioned<StoredOrder>> ReplaceAsync(StoredOrder order, string ifMatchETag, CancellationToken cancellationToken = default)
    {
        var document = OrderDocument.FromDomain(order);
        var etag = await _documents.ReplaceAsync(document, document.Pk, document.Id, ifMatchETag, cancellationToken);
        return new Versioned<StoredOrder>(order, etag);
    }

    /// <summary>Newest placed-at (compared in UTC) first.</summary>
    public async Task<IReadOnlyList<StoredOrder>> ListPlacedOnAsync(string brandId, DateOnly day, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var documents = await _documents.QueryAsync(
            OrderDocument.PartitionKeyFor(brandId),
            OrderDocument.DocumentType,
            "c.orderDay = @day",
            "c.placedAt DESC",
            [new("@day", CosmosValues.Day(day))],
            cancellationToken);
        return [.. documents.Select(d => d.ToDomain())];
    }
}
