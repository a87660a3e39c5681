using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Concurrency;

namespace ServerlessOps.Infrastructure.Push;

public sealed partial class ListingPushWorker
{
    /// <summary>
    /// The finish of a push whose claim was taken over: it outlived <see cref="InventoryPushOptions.ClaimTimeout"/> and
    /// another worker has claimed (and maybe pushed and released) the listing since. That worker's claim is not this one's
    /// to release, and this result is not the listing's truth. A quantity this push put on the channel may have landed
    /// after the other worker's, so the channel may show it: it is recorded as last pushed (the next decision does not
    /// take the channel for up to date) and the listing is marked dirty so a fresh push follows, queued here when nobody
    /// holds the claim, else by its holder when it finishes. Nothing reached the channel: the other worker's decision stands.
    /// </summary>
    private async Task SupersededAsync(
        InventoryPushMessage message, ListingPushDocument current, string etag, int? pushed, CancellationToken cancellationToken)
    {
        logger.ClaimTakenOver(message.Channel, message.ChannelSku, message.BrandId, message.Sku, pushed);
        if (pushed is not { } quantity)
        {
            return;
        }

        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var held = current.PushingSince is { } since && since > now - settings.ClaimTimeout;
            var next = current with { LastPushedQuantity = quantity, Dirty = true, DirtySince = current.DirtySince ?? now };
            if (!held)
            {
                next = (next with { QueuedAt = now }).ClaimableNoEarlierThan(now + settings.CoalesceDelay);
            }

            try
            {
                await store.ReplaceListingAsync(next, etag, cancellationToken);
                if (!held)
                {
                    await queue.EnqueueAsync(message, settings.CoalesceDelay, cancellationToken);
                }

                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                (current, etag) = await store.ReadListingAsync(message.BrandId, message.Sku, message.Channel, message.ChannelSku, cancellationToken)
                    ?? throw new InvalidOperationException($"Listing push state {current.Id} of {current.Pk} disappeared.");
            }
        }
    }
}
