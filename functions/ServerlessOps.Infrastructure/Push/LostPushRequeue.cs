using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// The backstop for a push message lost after its listing was marked: dead-lettered to the poison queue after its
/// retries, or a drift repair's direct push that threw. Such a listing stays dirty (or claimed by a worker that is gone)
/// with nothing queued, and only a later change would queue it again. A scheduled pass that visits listings anyway (the
/// drift check) hands each push state it read here; one that looks lost is queued again, at most once per
/// <see cref="InventoryPushOptions.RequeueAfter"/>. Costs nothing on the order path.
/// </summary>
public sealed class LostPushRequeue(InventoryPushStore store, InventoryPushHandOff queue, IOptions<InventoryPushOptions> options, TimeProvider time, ILogger<LostPushRequeue> logger)
{
    /// <summary>
    /// Owed a push (dirty, or claimed) with nobody on it (no claim younger than <see cref="InventoryPushOptions.ClaimTimeout"/>)
    /// and nothing queued since <see cref="InventoryPushOptions.RequeueAfter"/> before now (a failed push's retry counts
    /// from when it is due). A paused listing is not lost: it waits in its account's control document for the resume.
    /// </summary>
    public static bool LooksLost(ListingPushDocument state, DateTimeOffset now, InventoryPushOptions settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        if ((!state.Dirty && state.PushingSince is null) || state.PausedSince is not null)
        {
            return false;
        }

        if (state.PushingSince is { } since && since > now - settings.ClaimTimeout)
        {
            return false;
        }

        return state.QueuedAt is not { } queuedAt || queuedAt + settings.RetryDelayAfter(state.ConsecutiveFailures) < now - settings.RequeueAfter;
    }

    /// <summary>
    /// Queues a push for the listing of <paramref name="seen"/> when it looks lost; true when it did. Reads nothing when
    /// <paramref name="seen"/> does not look lost. The requeue is recorded (<c>queuedAt</c>) under the ETag before the
    /// message goes out, so two passes meeting on one listing queue it once; should the send fail, the listing looks
    /// lost again after <see cref="InventoryPushOptions.RequeueAfter"/>.
    /// </summary>
    public async Task<bool> RequeueIfLostAsync(ListingPushDocument seen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var settings = options.Value;
        if (!LooksLost(seen, time.GetUtcNow(), settings))
        {
            return false;
        }

        var requeue = false;
        var stored = await store.UpdateListingAsync(seen.BrandId, seen.Sku, seen.Channel, seen.ChannelSku, current =>
        {
            var now = time.GetUtcNow();
            requeue = current is not null && LooksLost(current, now, settings);
            return requeue ? current! with { QueuedAt = now } : null;
        }, cancellationToken);
        if (!requeue)
        {
            return false;
        }

        await queue.EnqueueAsync(new InventoryPushMessage(seen.BrandId, seen.Sku, seen.Channel, seen.ChannelSku), TimeSpan.Zero, cancellationToken);
        logger.LostPushRequeued(seen.Channel, seen.ChannelSku, seen.BrandId, seen.Sku, seen.QueuedAt, seen.PushingSince, stored?.Dirty ?? seen.Dirty);
        return true;
    }
}
