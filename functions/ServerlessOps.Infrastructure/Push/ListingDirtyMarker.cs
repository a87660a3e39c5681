using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Catalog;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Marks the listings a ledger change affects: every listing of the SKU whose stock location is the changed one, except
/// channel-fulfilled (Amazon FBA) listings, whose quantity Amazon holds. Only the write that turns a listing from clean
/// to dirty queues a push (delayed by <see cref="InventoryPushOptions.CoalesceDelay"/>), so a burst of changes rides on
/// one push; a change while a push is in flight sets the listing dirty again and that worker queues the next push when
/// it finishes. The message goes out before the dirty write (<see cref="MarkListingAsync"/> says why). A dirty listing
/// whose message looks lost (<see cref="LostPushRequeue.LooksLost"/>: nothing queued for
/// <see cref="InventoryPushOptions.RequeueAfter"/> past its failure back-off, no worker on it, not paused) is queued
/// again. A listing this process saw dirty and not yet claimable
/// (<see cref="MarkedListings"/>) is not read at all: the claim still to come reads the balance after this change.
/// </summary>
public sealed class ListingDirtyMarker(
    CachedCatalogReader catalog, InventoryPushStore store, InventoryPushHandOff queue, MarkedListings marked, IOptions<InventoryPushOptions> options,
    IOptions<CatalogOptions> catalogOptions, TimeProvider time)
{
    private const int MaxAttempts = 20;

    /// <summary>
    /// Added to <see cref="CatalogOptions.ReadCacheSeconds"/> for an import's follow-up push: the import rewrites the item
    /// after marking its listings, and another instance keeps a copy read just before that write for ReadCacheSeconds.
    /// </summary>
    private static readonly TimeSpan FollowUpMargin = TimeSpan.FromSeconds(1);

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

    /// <summary>
    /// Marks <paramref name="listings"/> of the SKU whatever their location (a catalog import added them or changed where
    /// they ship from, so the channel has never been told this location's quantity); channel-fulfilled ones are skipped.
    /// <paramref name="before"/> is the item as it was stored before the import (null: a new item). A listing that item did
    /// not have at this location also gets a follow-up push once every instance's kept copy of the item has expired
    /// (<see cref="FollowUpDelay"/>; <see cref="StaleMarkersMiss"/> says why). Answers how many pushes it queued for the marks.
    /// </summary>
    public async Task<int> MarkListingsAsync(
        string brandId, string sku, IEnumerable<ChannelListing> listings, CatalogItem? before, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listings);
        if (!options.Value.Enabled)
        {
            return 0;
        }

        var followUpAfter = FollowUpDelay(catalogOptions.Value, options.Value);
        var queued = 0;
        foreach (var listing in listings.Where(l => !l.ChannelFulfilled))
        {
            if (followUpAfter is { } delay && StaleMarkersMiss(before, listing))
            {
                // Queued before the mark, like the mark's own message: an import cut off after it marks again when posted
                // again (its item is not rewritten yet), and a follow-up too many only decides the truth once more.
                await queue.EnqueueAsync(new InventoryPushMessage(brandId, sku, listing.Channel, listing.ChannelSku), delay, cancellationToken);
            }

            queued += await MarkOneAsync(brandId, sku, listing, fromCatalog: true, cancellationToken) ? 1 : 0;
        }

        return queued;
    }

    /// <summary>
    /// Whether an instance keeping <paramref name="before"/> would leave a ledger change unmarked for
    /// <paramref name="listing"/>: its marker maps the changed location to the merchant-fulfilled listings its kept item has
    /// there, so a listing new to the item or moved to this location goes unmarked, and the change unpushed until the SKU
    /// changes there again, possibly days later. A new item (null) is kept nowhere: a catalog miss is not kept.
    /// </summary>
    internal static bool StaleMarkersMiss(CatalogItem? before, ChannelListing listing) =>
        before is not null && !Pushable(before, listing.StockLocation).Any(l => l.Channel == listing.Channel && string.Equals(l.ChannelSku, listing.ChannelSku, StringComparison.Ordinal));

    /// <summary>
    /// When an import's follow-up push becomes visible: after <see cref="CatalogOptions.ReadCacheSeconds"/> every instance
    /// reads the item anew, so the push then reads every change the stale markers missed and later changes are marked;
    /// the coalescing delay and <see cref="FollowUpMargin"/> cover the item's write after the mark. Null when nothing is kept.
    /// </summary>
    internal static TimeSpan? FollowUpDelay(CatalogOptions catalogSettings, InventoryPushOptions settings) =>
        catalogSettings.ReadCacheSeconds <= 0 ? null : TimeSpan.FromSeconds(catalogSettings.ReadCacheSeconds) + settings.CoalesceDelay + FollowUpMargin;

    /// <summary>The listings a change at <paramref name="location"/> concerns.</summary>
    public static IEnumerable<ChannelListing> Pushable(CatalogItem? item, string location) =>
        item?.Listings.Where(l => !l.ChannelFulfilled && string.Equals(l.StockLocation, location, StringComparison.Ordinal)) ?? [];

    /// <summary>
    /// Marks one listing dirty; true when this call queued its push. The push message is queued BEFORE the write that
    /// turns the listing dirty: a dirty listing tells every later mark "a push is queued", so a write that landed without
    /// its message (the queue unreachable, the process gone between the two) would leave it dirty with nothing queued and
    /// the caller's retry would queue nothing either. A message whose write never lands is not wasted: the worker decides
    /// a clean listing from the truth too (<see cref="ListingPushWorker"/>). A message this call queued and then found
    /// unneeded (another mark won the race for the same listing) is withdrawn.
    /// </summary>
    public Task<bool> MarkListingAsync(string brandId, string sku, ChannelListing listing, CancellationToken cancellationToken = default) =>
        MarkOneAsync(brandId, sku, listing, fromCatalog: false, cancellationToken);

    /// <summary>
    /// <see cref="MarkListingAsync"/>, only while the listing's push state is still the version <paramref name="etag"/>
    /// names: the drift check found it clean and off the truth on that version (a change whose mark was lost). True when
    /// this call marked it and queued its push. A listing written since (marked, claimed or pushed by the push path, or
    /// marked by another run) is left to that path, so the check never marks on a stale view nor adds a push to one in flight.
    /// </summary>
    public Task<bool> MarkListingIfUnchangedAsync(string brandId, string sku, ChannelListing listing, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return MarkOneAsync(brandId, sku, listing, fromCatalog: false, cancellationToken, onlyIfETag: etag);
    }

    /// <summary>
    /// <see cref="MarkListingAsync"/>; <paramref name="fromCatalog"/>: a
    /// catalog import wrote <paramref name="listing"/> as it is now, and the push state records it
    /// (<see cref="ListingPushDocument.CatalogListing"/>) even where the mark has nothing else to do, so no worker pushes
    /// it from an item cached before the import.
    /// </summary>
    /// <param name="onlyIfETag">When set, nothing is written (and a message queued is withdrawn) once the stored version is another.</param>
    private async Task<bool> MarkOneAsync(string brandId, string sku, ChannelListing listing, bool fromCatalog, CancellationToken cancellationToken, string? onlyIfETag = null)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var settings = options.Value;
        if (!fromCatalog && marked.IsQuiet(brandId, sku, listing.Channel, listing.ChannelSku, time.GetUtcNow()))
        {
            return false;
        }

        var message = new InventoryPushMessage(brandId, sku, listing.Channel, listing.ChannelSku);
        (SendReceipt Receipt, DateTimeOffset At)? sent = null;
        for (var attempt = 1; ; attempt++)
        {
            var read = await store.ReadListingAsync(brandId, sku, listing.Channel, listing.ChannelSku, cancellationToken);
            var now = time.GetUtcNow();
            var (next, needsMessage) = onlyIfETag is not null && read?.ETag != onlyIfETag
                ? (null, false)
                : Decide(read?.Document, brandId, sku, listing, sent?.At ?? now, now, settings, fromCatalog);
            if (needsMessage && sent is null)
            {
                sent = (await queue.EnqueueAsync(message, settings.CoalesceDelay, cancellationToken), now);
            }

            try
            {
                if (next is not null)
                {
                    _ = read is { } found
                        ? await store.ReplaceListingAsync(next, found.ETag, cancellationToken)
                        : await store.CreateListingAsync(next, cancellationToken);
                }
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another writer won since the read: decide again on what it wrote (the message sent, if any, is reused).
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * Math.Min(attempt, 10))), cancellationToken);
                continue;
            }

            if (!needsMessage && sent is { } unneeded)
            {
                // An earlier attempt queued a push the listing turned out not to need: another mark queued one, or a
                // worker holds it and queues the next push itself.
                await queue.WithdrawAsync(unneeded.Receipt, cancellationToken);
            }

            if ((next ?? read?.Document) is { Dirty: true, ClaimableFrom: { } from })
            {
                marked.Remember(brandId, sku, listing.Channel, listing.ChannelSku, from, settings.CoalesceDelay, time.GetUtcNow());
            }

            return needsMessage;
        }
    }

    /// <summary>
    /// What marking <paramref name="current"/> writes (null: nothing) and whether that write needs a push message, queued
    /// at <paramref name="queuedAt"/> (the listing is claimable a coalescing delay later, when the message is visible). A
    /// mark <paramref name="fromCatalog"/> also records the listing as the import wrote it, whatever else it decides.
    /// </summary>
    internal static (ListingPushDocument? Next, bool NeedsMessage) Decide(
        ListingPushDocument? current, string brandId, string sku, ChannelListing listing, DateTimeOffset queuedAt, DateTimeOffset now, InventoryPushOptions settings,
        bool fromCatalog = false)
    {
        var (next, needsMessage) = DecideMark(current, brandId, sku, listing, queuedAt, now, settings);
        var known = next ?? current;
        if (fromCatalog && known?.CatalogListing != listing)
        {
            next = (known ?? ListingPushDocument.New(brandId, sku, listing.Channel, listing.ChannelSku, listing.StockLocation)) with
            {
                CatalogListing = listing,
                Location = listing.StockLocation,
            };
        }

        return (next, needsMessage);
    }

    private static (ListingPushDocument? Next, bool NeedsMessage) DecideMark(
        ListingPushDocument? current, string brandId, string sku, ChannelListing listing, DateTimeOffset queuedAt, DateTimeOffset now, InventoryPushOptions settings)
    {
        // The message queued below is invisible that long anyway: no claim can come sooner.
        var claimableFrom = queuedAt + settings.CoalesceDelay;
        var doc = current ?? ListingPushDocument.New(brandId, sku, listing.Channel, listing.ChannelSku, listing.StockLocation);

        // A claim older than ClaimTimeout belongs to a worker that died: nobody will queue on its behalf.
        var inFlight = doc.PushingSince is { } since && since > now - settings.ClaimTimeout;
        if (doc.Dirty)
        {
            // A push is queued (or a worker will queue one when it finishes): nothing to write, unless the queued
            // message looks lost by the drift check's rule, which waits out a failed push's back-off (a channel answering
            // 429 or 500 is not called again sooner for each change) and leaves a paused listing to its resume.
            var lost = LostPushRequeue.LooksLost(doc, now, settings);
            return lost ? ((doc with { QueuedAt = queuedAt }).ClaimableNoEarlierThan(claimableFrom), true) : (null, false);
        }

        if (inFlight)
        {
            // In flight: the worker read the balance before this change; it sees Dirty when it finishes and queues again.
            return ((doc with { Dirty = true, DirtySince = now, Location = listing.StockLocation }).ClaimableNoEarlierThan(claimableFrom), false);
        }

        return (doc with { Dirty = true, DirtySince = now, QueuedAt = queuedAt, Location = listing.StockLocation, ClaimableFrom = claimableFrom }, true);
    }
}
