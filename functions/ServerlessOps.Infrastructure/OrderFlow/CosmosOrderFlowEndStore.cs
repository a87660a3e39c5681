using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.OrderFlow;

/// <summary>
/// <see cref="IOrderFlowEndStore"/> on container <c>alerts</c> (<see cref="OrderFlowEndDocument"/>): a conditional create,
/// so the first end recorded stays and a second write of it is a no-op; a point read.
/// </summary>
public sealed class CosmosOrderFlowEndStore : IOrderFlowEndStore
{
    private readonly CosmosDocuments<OrderFlowEndDocument> _documents;

    public CosmosOrderFlowEndStore(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<CosmosOrderFlowEndStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _documents = new(containers.Alerts, options.Value.QueryPageSize, logger);
    }

    public async Task RecordAsync(OrderFlowEnd flowEnd, CancellationToken cancellationToken = default)
    {
        var document = OrderFlowEndDocument.From(flowEnd);
        try
        {
            await _documents.CreateAsync(document, document.Pk, document.Id, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Recorded already: by this activity's earlier attempt, or by an earlier flow of the order that ended.
        }
    }

    public async Task<OrderFlowEnd?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var read = await _documents.ReadAsync(brandId, OrderFlowEndDocument.IdFor(orderId), cancellationToken);
        return read?.Document.End;
    }
}
