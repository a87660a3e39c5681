using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.OrderFlow;

/// <summary>
/// <see cref="IOrderFlowRestartClaims"/> on container <c>alerts</c> (<see cref="OrderFlowRestartClaimDocument"/>): a
/// conditional create, so of two retries of one ended run only the first create succeeds. A claim older than
/// <see cref="AbandonedAfter"/> is taken over under its ETag, as <c>CosmosReviewStartClaims</c> does: the caller asks
/// only while the run is still ended, and a restart that was scheduled would have made it pending, so such a claim's
/// holder failed or died before scheduling, and keeping it would refuse every later retry of that run.
/// </summary>
public sealed class CosmosOrderFlowRestartClaims : IOrderFlowRestartClaims
{
    /// <summary>How long a claim stands for a retry still scheduling its restart: far longer than one schedule call.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

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
            // Claimed before: by a retry still scheduling the restart, or by one that never did.
        }

        if (await _documents.ReadAsync(claim.Pk, claim.Id, cancellationToken) is not { } held || held.Document.ClaimedAt > claim.ClaimedAt - AbandonedAfter)
        {
            return false;
        }

        try
        {
            await _documents.ReplaceAsync(claim, claim.Pk, claim.Id, held.ETag, cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }
}
