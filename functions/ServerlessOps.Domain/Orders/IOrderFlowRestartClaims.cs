namespace ServerlessOps.Domain.Orders;

/// <summary>
/// Who restarts an order's failed or terminated flow. Two retries sent at once both find the flow ended, and the engine
/// accepts a start over an ended instance from each of them; one claim per ended run lets exactly one restart it.
/// </summary>
public interface IOrderFlowRestartClaims
{
    /// <summary>
    /// True when <paramref name="claimedBy"/> now owns the restart of the order's flow run that ended at
    /// <paramref name="endedAt"/>; false when another retry claimed that run first. A later run that ends again has
    /// another instant, so it can be claimed again.
    /// </summary>
    Task<bool> TryClaimAsync(string brandId, string orderId, DateTimeOffset endedAt, string claimedBy, CancellationToken cancellationToken = default);
}
