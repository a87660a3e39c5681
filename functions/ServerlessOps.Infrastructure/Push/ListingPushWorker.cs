using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Inventory.Availability;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Handles one push message (at least once, so idempotently): claims the listing under its ETag (clearing dirty; a clean
/// listing too, whose marker's write may not have landed after its message),
/// reads the CURRENT balance, computes the quantity, and pushes it when it differs from what the channel was last
/// given; then records what it pushed and when, with the latency from the listing going dirty to the channel's answer,
/// and releases the claim under the claim's ETag. If a change dirtied the listing meanwhile, that write fails, and the
/// worker records its result on the newer version and queues the next push itself (the marker queued none). Pauses,
/// the mass-drop hold and failures after the retries leave the listing dirty (README.md).
/// </summary>
public sealed partial class ListingPushWorker(
    InventoryPushStore store,
    InventoryPushHandOff queue,
    CachedCatalogReader catalog,
    IInventoryLedgerStore ledger,
    ListingQuantityCalculator calculator,
    ListingPushClients clients,
    PushBrakes brakes,
    IAlertRaiser alerts,
    IOptions<InventoryPushOptions> options,
    TimeProvider time,
    IEnumerable<IListingPushFailureFollowUp> failureFollowUps,
    ILogger<ListingPushWorker> logger)
{
    private const int MaxAttempts = 20;

    /// <summary>Weight of the newest latency in the listing's smoothed latency.</summary>
    private const double LatencyWeight = 0.3;

    public async Task<ListingPushOutcome> PushAsync(InventoryPushMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var claim = await ClaimAsync(message, cancellationToken);
        if (claim.Outcome is { } early)
        {
            return early;
        }

        var (doc, etag) = (claim.Document!, claim.ETag!);
        var claimedAt = doc.PushingSince!.Value;
        var listingRef = new ListingRef(message.Sku, message.Channel, message.ChannelSku);
        var listing = await CatalogListingAsync(message, doc, cancellationToken);
        var account = calculator.AccountFor(message.BrandId, message.Channel);
        var unpushable = listing is null ? "the listing is no longer in the catalog"
            : listing.ChannelFulfilled ? "the channel fulfils it (FBA): Amazon holds its quantity"
            : account is null ? $"the brand has no connected {message.Channel} account"
            : null;
        if (unpushable is not null)
        {
            logger.NotPushable(message.Channel, message.ChannelSku, message.BrandId, message.Sku, unpushable);
            await FinishAsync(message, doc, etag, d => d with { LastError = unpushable, LastErrorAt = time.GetUtcNow() }, FinishKind.Done, cancellationToken);
            return ListingPushOutcome.NotPushable;
        }

        if (await brakes.TryParkAsync(message.BrandId, message.Channel, account!.AccountId, listingRef, cancellationToken))
        {
            logger.Parked(message.Channel, account.AccountId, message.BrandId, message.ChannelSku, message.Sku);
            await FinishAsync(message, doc, etag, d => d with { PausedSince = d.PausedSince ?? time.GetUtcNow() }, FinishKind.Parked, cancellationToken);

            // A resume between the park and this release met the claim: its message waits out ClaimTimeout unless queued again.
            await brakes.RequeueIfResumedAsync(message.BrandId, message.Channel, account.AccountId, listingRef, cancellationToken);
            return ListingPushOutcome.Paused;
        }

        var position = await ledger.GetPositionAsync(message.BrandId, message.Sku, listing!.StockLocation, cancellationToken);
        var entries = await calculator.EntriesFor(ledger, position, cancellationToken);
        var quantity = calculator.Compute(message.BrandId, listing, position, entries, doc);
        // A quantity above zero ends a confirmed drop: the confirmation was for that drop, not the next one.
        ListingPushDocument Decided(ListingPushDocument d) => d with
        {
            LastComputedQuantity = quantity.Quantity,
            LastWhy = quantity.Why,
            LastAvailable = quantity.Available,
            PausedSince = null,
            ZeroConfirmed = d.ZeroConfirmed && quantity.Quantity == 0,
        };

        if (quantity.Quantity == doc.LastPushedQuantity && doc.ConsecutiveFailures == 0 && doc.HeldSince is null)
        {
            logger.Unchanged(message.Channel, message.ChannelSku, message.BrandId, message.Sku, quantity.Quantity);
            await FinishAsync(message, doc, etag, d => Decided(d) with { Unchanged = d.Unchanged + 1 }, FinishKind.Done, cancellationToken);
            return ListingPushOutcome.Unchanged;
        }

        if (quantity.Quantity == 0 && doc.LastPushedQuantity > 0 && !doc.ZeroConfirmed
            && await brakes.RecordDropAsync(message.BrandId, listingRef, doc.LastPushedQuantity, cancellationToken))
        {
            logger.DropHeld(message.Channel, message.ChannelSku, message.BrandId, message.Sku);
            await FinishAsync(message, doc, etag, d => Decided(d) with { HeldSince = d.HeldSince ?? time.GetUtcNow() }, FinishKind.Done, cancellationToken);
            return ListingPushOutcome.Held;
        }

        var request = new ListingPushRequest(account, listing, quantity.Quantity, doc.LastPushedQuantity, PushId(doc, claimedAt));
        ListingPushAnswer answer;
        try
        {
            answer = await clients.For(message.Channel).PushAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is ChannelApiException or ChannelApiCredentialMissingException)
        {
            await FailedAsync(message, doc, etag, quantity, e, Decided, cancellationToken);

            // Recorded and alerted first: the follow-up (drift's immediate read-back) sees the listing dirty with its error.
            foreach (var followUp in failureFollowUps)
            {
                await followUp.ListingPushFailedAsync(message, cancellationToken);
            }

            return ListingPushOutcome.Failed;
        }

        var done = time.GetUtcNow();
        var latency = (done - (doc.DirtySince ?? claimedAt)).TotalMilliseconds;
        logger.Pushed(message.Channel, message.ChannelSku, message.BrandId, message.Sku, quantity.Quantity, doc.LastPushedQuantity, answer.RequestId, quantity.Why);
        await FinishAsync(message, doc, etag, d => Decided(d) with
        {
            LastPushedQuantity = quantity.Quantity,
            LastPushedAt = done,
            Pushes = d.Pushes + 1,
            LatencyMilliseconds = d.LatencyMilliseconds is { } old ? (old * (1 - LatencyWeight)) + (latency * LatencyWeight) : latency,
            ConsecutiveFailures = 0,
            LastError = null,
            LastErrorAt = null,
            HeldSince = null,
            ZeroConfirmed = false,
        }, FinishKind.Done, cancellationToken, pushed: quantity.Quantity);

        if (doc.ConsecutiveFailures > 0)
        {
            await alerts.ClearAsync(message.BrandId, AlertKind.PushFailed, AlertSubject.Listing(message.Channel, message.Sku), $"Pushed {quantity.Quantity} to {message.Channel} {message.ChannelSku}.", cancellationToken);
        }

        return ListingPushOutcome.Pushed;
    }

    /// <summary>
    /// The listing as the catalog has it; null when the item no longer lists it. The item this instance keeps (for
    /// <c>Catalog:ReadCacheSeconds</c>) is used unless it disagrees with what the last import that changed the listing wrote
    /// (<see cref="ListingPushDocument.CatalogListing"/>, on the state the claim read anyway): an import on another
    /// instance moved it, and the kept item would push the old location's quantity to the old ids. The item is then read
    /// again from Cosmos, so only a push after such an import pays a read.
    /// </summary>
    private async Task<ChannelListing?> CatalogListingAsync(InventoryPushMessage message, ListingPushDocument doc, CancellationToken cancellationToken)
    {
        ChannelListing? Find(CatalogItem? item) =>
            item?.Listings.FirstOrDefault(l => l.Channel == message.Channel && string.Equals(l.ChannelSku, message.ChannelSku, StringComparison.Ordinal));

        var listing = Find(await catalog.GetItemAsync(message.BrandId, message.Sku, cancellationToken));
        if (doc.CatalogListing is { } imported && listing != imported)
        {
            logger.CatalogReadAgain(message.Channel, message.ChannelSku, message.BrandId, message.Sku, listing?.StockLocation, imported.StockLocation);
            listing = Find(await catalog.GetItemAfreshAsync(message.BrandId, message.Sku, cancellationToken));
        }

        return listing;
    }

    private async Task FailedAsync(
        InventoryPushMessage message, ListingPushDocument doc, string etag, ListingQuantity quantity, Exception e,
        Func<ListingPushDocument, ListingPushDocument> decided, CancellationToken cancellationToken)
    {
        var failures = doc.ConsecutiveFailures + 1;
        var delay = options.Value.RetryDelayAfter(failures);
        logger.PushFailed(message.Channel, message.ChannelSku, message.BrandId, message.Sku, quantity.Quantity, failures, e.Message, delay);
        await FinishAsync(
            message, doc, etag,
            d => decided(d) with { ConsecutiveFailures = failures, LastError = e.Message, LastErrorAt = time.GetUtcNow() },
            FinishKind.Failed, cancellationToken, delay);
        await alerts.RaiseAsync(new AlertRaise(
            message.BrandId, AlertKind.PushFailed, AlertSubject.Listing(message.Channel, message.Sku),
            $"{message.Channel} did not take quantity {quantity.Quantity} for listing {message.ChannelSku} of {message.Sku} after its retries ({failures} attempt(s) in a row). " +
            $"The listing stays dirty and is tried again in {delay}; until then the channel shows {doc.LastPushedQuantity?.ToString(CultureInfo.InvariantCulture) ?? "what it had"}.")
        {
            Channel = message.Channel,
            Evidence = new Dictionary<string, string>
            {
                ["channelSku"] = message.ChannelSku,
                ["quantity"] = quantity.Quantity.ToString(CultureInfo.InvariantCulture),
                ["consecutiveFailures"] = failures.ToString(CultureInfo.InvariantCulture),
                ["error"] = e.Message.Length > 900 ? e.Message[..900] : e.Message,
            },
        }, cancellationToken);
    }

    private async Task<(ListingPushOutcome? Outcome, ListingPushDocument? Document, string? ETag)> ClaimAsync(InventoryPushMessage message, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var claimTimeout = options.Value.ClaimTimeout;
            var read = await store.ReadListingAsync(message.BrandId, message.Sku, message.Channel, message.ChannelSku, cancellationToken);
            var doc = read?.Document;
            if (doc?.PushingSince is { } since && since > now - claimTimeout)
            {
                // Another worker holds the listing: dirtied meanwhile, it queues the next push when it finishes; clean, it
                // decides the truth as it is now. Should it have died (or thrown: this may be its own message again), this
                // message comes back once its claim has lapsed and takes over.
                await queue.EnqueueAsync(message, since + claimTimeout - now + TimeSpan.FromSeconds(1), cancellationToken);
                return (ListingPushOutcome.Busy, null, null);
            }

            // A clean listing is decided too (pushed only when the truth differs from what the channel was last given): its
            // marker queues the message before the write that turns it dirty, and that write may never have landed.
            if (doc is null)
            {
                var item = await catalog.GetItemAsync(message.BrandId, message.Sku, cancellationToken);
                var listing = item?.Listings.FirstOrDefault(l => l.Channel == message.Channel && string.Equals(l.ChannelSku, message.ChannelSku, StringComparison.Ordinal));
                if (listing is null)
                {
                    return (ListingPushOutcome.NothingToDo, null, null);
                }

                var created = ListingPushDocument.New(message.BrandId, message.Sku, message.Channel, message.ChannelSku, listing.StockLocation) with { PushingSince = now };
                try
                {
                    return (null, created, await store.CreateListingAsync(created, cancellationToken));
                }
                catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
                {
                    // Its marker's write landed meanwhile: read it.
                    continue;
                }
            }

            if (doc.ClaimableFrom is { } claimableFrom && claimableFrom > now)
            {
                // Markers trust the listing to stay dirty until then and skip reading it, so the claim waits; the push then
                // reads the balance after their changes. Early by a clock's disagreement: wait. Earlier (a duplicate, or a
                // message queued with no delay): queue it again for then.
                var early = claimableFrom - now;
                if (early <= MarkedListings.ClockTolerance(options.Value.CoalesceDelay))
                {
                    await Task.Delay(early, time, cancellationToken);
                    continue;
                }

                await queue.EnqueueAsync(message, early, cancellationToken);
                return (ListingPushOutcome.Busy, null, null);
            }

            var claimed = doc with { Dirty = false, PushingSince = now };
            try
            {
                var etag = await store.ReplaceListingAsync(claimed, read!.Value.ETag, cancellationToken);
                return (null, claimed, etag);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // A marker wrote first (the listing is still dirty): read it again.
            }
        }
    }

    /// <summary>
    /// Records the result and releases the claim: under the claim's ETag when nothing changed since, else on the newer
    /// version (a change dirtied it during the push), then queues the next push when the listing is dirty again. Fenced on
    /// the claim: a newer version claimed since by another worker (this push outlived <see cref="InventoryPushOptions.ClaimTimeout"/>)
    /// is not this worker's to release (<see cref="SupersededAsync"/>). <paramref name="pushed"/> is the quantity the
    /// channel accepted, if any.
    /// </summary>
    private async Task FinishAsync(
        InventoryPushMessage message, ListingPushDocument claimed, string claimETag, Func<ListingPushDocument, ListingPushDocument> result,
        FinishKind kind, CancellationToken cancellationToken, TimeSpan? failedDelay = null, int? pushed = null)
    {
        var (current, etag) = (claimed, claimETag);
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var next = result(current) with { PushingSince = null };
            TimeSpan? enqueueAfter = null;
            switch (kind)
            {
                case FinishKind.Failed:
                    next = next with { Dirty = true, DirtySince = current.DirtySince ?? claimed.DirtySince ?? now, QueuedAt = now };
                    enqueueAfter = failedDelay;
                    break;
                case FinishKind.Parked:
                    next = next with { Dirty = true, DirtySince = current.DirtySince ?? claimed.DirtySince ?? now };
                    break;
                case FinishKind.Done when current.Dirty:
                    next = (next with { QueuedAt = now }).ClaimableNoEarlierThan(now + options.Value.CoalesceDelay);
                    enqueueAfter = options.Value.CoalesceDelay;
                    break;
                default:
                    next = next with { DirtySince = null };
                    break;
            }

            try
            {
                await store.ReplaceListingAsync(next, etag, cancellationToken);
                if (enqueueAfter is { } delay)
                {
                    await queue.EnqueueAsync(message, delay, cancellationToken);
                }

                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                var read = await store.ReadListingAsync(message.BrandId, message.Sku, message.Channel, message.ChannelSku, cancellationToken)
                    ?? throw new InvalidOperationException($"Listing push state {claimed.Id} of {claimed.Pk} disappeared under a claim.");
                (current, etag) = read;
                if (current.PushingSince != claimed.PushingSince)
                {
                    await SupersededAsync(message, current, etag, pushed, cancellationToken);
                    return;
                }
            }
        }
    }

    /// <summary>Stable for one claim (a retried call within it is the same push), new for the next: Shopify's idempotency key.</summary>
    private static string PushId(ListingPushDocument doc, DateTimeOffset claimedAt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{doc.Pk}\n{doc.Id}\n{claimedAt.UtcTicks}")))[..32];

    private enum FinishKind
    {
        Done,
        Parked,
        Failed,
    }
}
