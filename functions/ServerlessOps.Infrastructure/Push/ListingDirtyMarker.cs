using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Infrastructure.Catalog;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Marks the listings a ledger change affects: every listing of the SKU whose stock location is the changed one, except
/// channel-fulfilled (Amazon FBA) listings, whose quantity Amazon holds. Only the write that turns a listing from clean
/// to dirty queues a push (delayed by <see cref="InventoryPushOptions.CoalesceDelay"/>), so a burst of changes rides on
/// one push; a change while a push is in flight sets the listing dirty again and that worker queues the next push when
/// it finishes. A listing dirty longer than <see cref="InventoryPushOptions.RequeueAfter"/> with no worker on it is
/// queued again (the first message was lost). A listing this process saw dirty and not yet claimable
/// (<see cref="MarkedListings"/>) is not read at all: the claim still to come reads the balance after this change.
/// </summary>
public sealed class ListingDirtyMarker(
    CachedCatalogReader catalog, InventoryPushStore store, InventoryPushHandOff queue, MarkedListings marked, IOptions<InventoryPushOptions> options, TimeProvider time)
{
    /// <summary>Marks the SKU's listings at <paramref name="location"/>; answers how many pushes it queued.</summary>
    public async Task<int> MarkAsync(string brandId, string sku, string location, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return 0;
        }

        var item = await catalog.GetItemAsync(brandId, sku, cancellationToken);
        var queued = 0;
        foreach (var listing in Pushable(item, location))
        {
            queued += await MarkListingAsync(brandId, sku, listing, cancellationToken) ? 1 : 0;
        }

        return queued;
    }

    /// <summary>The listings a change at <paramref name="location"/> concerns.</summary>
    public static IEnumerable<ChannelListing> Pushable(CatalogItem? item, string location) =>
        item?.Listings.Where(l => !l.ChannelFulfilled && string.Equals(l.StockLocation, location, StringComparison.Ordinal)) ?? [];

    /// <summary>Marks one listing dirty; true when this call queued its push.</summary>
    public async Task<bool> MarkListingAsync(string brandId, string sku, ChannelListing listing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var settings = options.Value;
        if (marked.IsQuiet(brandId, sku, listing.Channel, listing.ChannelSku, time.GetUtcNow()))
        {
            return false;
        }

        var enqueue = false;
        var stored = await store.UpdateListingAsync(brandId, sku, listing.Channel, listing.ChannelSku, current =>
        {
            enqueue = false;
            var now = time.GetUtcNow();
            // The message queued below is invisible that long anyway: no claim can come sooner.
            var claimableFrom = now + settings.CoalesceDelay;
            var doc = current ?? ListingPushDocument.New(brandId, sku, listing.Channel, listing.ChannelSku, listing.StockLocation);

            // A claim older than ClaimTimeout belongs to a worker that died: nobody will queue on its behalf.
            var inFlight = doc.PushingSince is { } since && since > now - settings.ClaimTimeout;
            if (doc.Dirty)
            {
                // A push is queued (or a worker will queue one when it finishes): nothing to write, unless the queued
                // message looks lost.
                var lost = !inFlight && (doc.QueuedAt is not { } queuedAt || queuedAt < now - settings.RequeueAfter);
                if (!lost)
                {
                    return null;
                }

                enqueue = true;
                return (doc with { QueuedAt = now }).ClaimableNoEarlierThan(claimableFrom);
            }

            if (inFlight)
            {
                // In flight: the worker read the balance before this change; it sees Dirty when it finishes and queues again.
                return (doc with { Dirty = true, DirtySince = now, Location = listing.StockLocation }).ClaimableNoEarlierThan(claimableFrom);
            }

            enqueue = true;
            return doc with { Dirty = true, DirtySince = now, QueuedAt = now, Location = listing.StockLocation, ClaimableFrom = claimableFrom };
        }, cancellationToken);

        if (enqueue)
        {
            await queue.EnqueueAsync(new InventoryPushMessage(brandId, sku, listing.Channel, listing.ChannelSku), settings.CoalesceDelay, cancellationToken);
        }

        if (stored is { Dirty: true, ClaimableFrom: { } from })
        {
            marked.Remember(brandId, sku, listing.Channel, listing.ChannelSku, from, settings.CoalesceDelay, time.GetUtcNow());
        }

        return enqueue;
    }
}
