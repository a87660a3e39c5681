using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.OrderFlow;

/// <summary>
/// <see cref="IOrderFlowRestartClaims"/> on container <c>alerts</c> (<see cref="OrderFlowRestartClaimDocument"/>): a
/// conditional create, so of two retries of one ended run only the first create succeeds.
/// </summary>
public sealed class CosmosOrderFlowRestartClaims : IOrderFlowRestartClaims
{
    private readonly CosmosDocuments<OrderFlowRestartClaimDocument> _documents;
    private readonly TimeProvider _clock;

    public CosmosOrderFlowRestartClaims(CosmosContainers containers, IOptions<CosmosOptions> options, TimeProvider clock, ILogger<CosmosOrderFlowRestartClaims> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _documents = new(containers.Alerts, options.Value.QueryPageSize, logger);
        _clock = clock;
    }

    public async Task<bool> TryClaimAsync(string brandId, string orderId, DateTimeOffset endedAt, string claimedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var claim = new OrderFlowRestartClaimDocument
        {
            Id = OrderFlowRestartClaimDocument.IdFor(orderId, endedAt),
            Pk = brandId,
            OrderId = orderId,
            EndedAt = endedAt,
            ClaimedBy = claimedBy,
            ClaimedAt = _clock.GetUtcNow(),
        };
        try
        {
            await _documents.CreateAsync(claim, claim.Pk, claim.Id, cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }
}
