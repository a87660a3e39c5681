namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Told by <see cref="ListingPushWorker"/> right after a push failed past its retries (the listing is recorded dirty
/// with its error, the next attempt queued, the owner alerted). Drift uses it to read the listing back at once rather
/// than at its next scheduled run. Implementations must not throw for a failure of their own: the push path has
/// already recorded everything it owns.
/// </summary>
public interface IListingPushFailureFollowUp
{
    Task ListingPushFailedAsync(InventoryPushMessage message, CancellationToken cancellationToken = default);
}
