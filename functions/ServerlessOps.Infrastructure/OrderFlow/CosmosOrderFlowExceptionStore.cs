using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.OrderFlow;

/// <summary>
/// <see cref="IOrderFlowExceptionStore"/> on container <c>alerts</c> (<see cref="OrderFlowExceptionDocument"/>). One
/// document per order: recording upserts it (a retried activity writes the same record), resolving replaces it under
/// the ETag read and reads again on a conflict.
/// </summary>
public sealed class CosmosOrderFlowExceptionStore : IOrderFlowExceptionStore
{
    private readonly CosmosDocuments<OrderFlowExceptionDocument> _documents;

    public CosmosOrderFlowExceptionStore(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<CosmosOrderFlowExceptionStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _documents = new(containers.Alerts, options.Value.QueryPageSize, logger);
    }

    public async Task RecordAsync(OrderFlowExceptionRecord record, CancellationToken cancellationToken = default)
    {
        var document = OrderFlowExceptionDocument.From(record with { IsOpen = true, ResolvedAt = null });
        await _documents.UpsertAsync(document, document.Pk, document.Id, cancellationToken);
    }

    public async Task ResolveAsync(string brandId, string orderId, DateTimeOffset resolvedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        for (var attempt = 1; ; attempt++)
        {
            var read = await _documents.ReadAsync(brandId, OrderFlowExceptionDocument.IdFor(orderId), cancellationToken);
            if (read is not { } found || !found.Document.IsOpen)
            {
                return;
            }

            var resolved = OrderFlowExceptionDocument.From(found.Document.Record with { IsOpen = false, ResolvedAt = resolvedAt });
            try
            {
                await _documents.ReplaceAsync(resolved, resolved.Pk, resolved.Id, found.ETag, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
                // Recorded again meanwhile (a new exception of the order): decide on what is there now.
            }
        }
    }

    public async Task<OrderFlowExceptionRecord?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var read = await _documents.ReadAsync(brandId, OrderFlowExceptionDocument.IdFor(orderId), cancellationToken);
        return read?.Document.Record;
    }

    public async Task<IReadOnlyList<OrderFlowExceptionRecord>> ListOpenAsync(string brandId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var documents = await _documents.QueryAsync(brandId, OrderFlowExceptionDocument.DocumentType, "c.isOpen = true", "c.openedAt DESC", [], cancellationToken);
        return [.. documents.Select(d => d.Record)];
    }
}
