using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Inventory.Drift;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Pricing;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Drift;

/// <summary>
/// Reads merchant-fulfilled listings back from their channels and repairs drift (README.md). A listing is read only
/// when its push state is settled (pushed at least once, not dirty, not in flight, not paused or held) and the channel's
/// propagation delay has passed since our last push. What the channel shows is compared with what we last pushed
/// (<see cref="DriftRules"/>): a first difference is remembered, a second one with no push of ours between is repaired
/// through the push path itself: the listing's push state learns what the channel really shows (so the worker's
/// "unchanged" check and Shopify's compare-and-set see the truth about the channel) and is marked dirty, and the push
/// worker pushes the quantity it computes now. Every repair is audited; a listing repaired
/// <see cref="DriftOptions.RepeatedRepairs"/> times within <see cref="DriftOptions.RepeatedWindow"/> alerts its inventory
/// owner (de-duplicated by the alerts). A price read goes through the observed-price guard (ListingDriftChecker.Price.cs).
/// Every listing visited whose push message was lost (<see cref="LostPushRequeue"/>) is queued again.
/// </summary>
public sealed partial class ListingDriftChecker(
    DriftStore store,
    CatalogStore catalog,
    InventoryPushStore pushes,
    ListingPushWorker worker,
    ListingDirtyMarker marker,
    IInventoryLedgerStore ledger,
    LostPushRequeue lostPushes,
    ListingQuantityCalculator calculator,
    ListingReadClients readers,
    ObservedPriceGuard priceGuard,
    IBrandDirectorySource brands,
    IAlertRaiser alerts,
    IOptionsMonitor<DriftOptions> options,
    TimeProvider time,
    ILogger<ListingDriftChecker> logger)
{
    /// <summary>
    /// Checks every listing of <paramref name="brandId"/> (every brand with a connected account when null), or of one
    /// <paramref name="sku"/>. <paramref name="force"/> reads listings whose <see cref="DriftOptions.ReadInterval"/> has not
    /// come yet (the run-now route); the propagation delay is respected either way.
    /// </summary>
    public async Task<DriftRunReport> RunAsync(string? brandId, string? sku, bool force, CancellationToken cancellationToken = default)
    {
        var brandIds = brandId is not null
            ? [brandId]
            : brands.Current.All.Select(r => r.Account.BrandId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var results = new List<DriftListingResult>();
        var breaches = 0;
        var truths = new DriftTruthReads(ledger, calculator);
        foreach (var brand in brandIds)
        {
            var items = sku is not null
                ? (await catalog.GetItemAsync(brand, sku, cancellationToken) is { } one ? [one] : [])
                : await store.ListItemsAsync(brand, cancellationToken);
            foreach (var item in items)
            {
                foreach (var listing in item.Listings.Where(l => !l.ChannelFulfilled))
                {
                    var (result, breach) = await CheckListingAsync(item, listing, force, truths, cancellationToken);
                    results.Add(result);
                    breaches += breach ? 1 : 0;
                }
            }
        }

        int Count(string result) => results.Count(r => r.Result == result);
        var read = results.Count(r => r.Result is "in-sync" or "first-seen" or "repaired" or "converged" or "no-quantity" or "lost-race" or "read-after-failed-push"
            or "push-during-read" or "lost-change" or "buffer-moved");
        return new DriftRunReport(results.Count, read, Count("first-seen"), Count("repaired"), Count("converged"), Count("lost-change"), breaches, results);
    }

    private async Task<(DriftListingResult Result, bool PriceBreach)> CheckListingAsync(
        CatalogItem item, ChannelListing listing, bool force, DriftTruthReads truths, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var brandId = item.BrandId;
        DriftListingResult Result(string result, string? detail = null) => new(item.Sku, listing.Channel.ToString(), listing.ChannelSku, result, detail);

        var account = calculator.AccountFor(brandId, listing.Channel);
        if (account is null)
        {
            return (Result("no-account", $"the brand has no connected {listing.Channel} account"), false);
        }

        var push = await pushes.GetListingAsync(brandId, item.Sku, listing.Channel, listing.ChannelSku, cancellationToken);

        // Owed a push that nothing will make (its message lost: poison, a repair's push that threw): queue it again rather
        // than wait on it as push-pending, never-pushed listings included.
        if (push is not null && await lostPushes.RequeueIfLostAsync(push, cancellationToken))
        {
            return (Result("requeued", "owed a push with nothing queued (its message was lost): queued again"), false);
        }

        if (push?.LastPushedQuantity is not { } expected)
        {
            return (Result("never-pushed", "the push worker has not pushed it yet: nothing to compare with"), false);
        }

        // After failed pushes the listing stays dirty while the push path retries: it is read anyway (every run, whatever
        // the read interval), so the drift view shows what the storefront holds meanwhile; the retries, not a repair, fix it.
        var failedPush = push is { Dirty: true, PushingSince: null, HeldSince: null, PausedSince: null, ConsecutiveFailures: > 0 };
        if (!failedPush && (push.Dirty || push.PushingSince is not null || push.HeldSince is not null || push.PausedSince is not null))
        {
            return (Result("push-pending", "a push is queued, in flight, paused or held: the channel is about to change"), false);
        }

        var now = time.GetUtcNow();
        var delay = settings.PropagationDelay(listing.Channel);
        if (push.LastPushedAt is { } pushedAt && now < pushedAt + delay)
        {
            return (Result("propagating", $"pushed at {pushedAt:O}; {listing.Channel} is read {delay} after a push"), false);
        }

        var stored = await store.ReadAsync(brandId, listing.Channel, listing.ChannelSku, cancellationToken);
        var doc = stored?.Document ?? ListingDriftDocument.New(brandId, item.Sku, listing.Channel, listing.ChannelSku);
        var etag = stored?.ETag;
        if (!force && !failedPush && doc.Pending is null && doc.LastReadAt is { } lastRead && now < lastRead + settings.ReadInterval)
        {
            return (Result("not-due", $"read at {lastRead:O}; next after {settings.ReadInterval}"), false);
        }

        ListingReadBack readBack;
        try
        {
            readBack = await readers.For(listing.Channel).ReadAsync(account, listing, cancellationToken);
        }
        catch (Exception e) when (e is ChannelApiException or ChannelApiCredentialMissingException or JsonException or InvalidOperationException)
        {
            // A 2xx body that is not the JSON the read expects (a proxy's page, a changed shape) fails this listing's read
            // only: thrown on, it would end the run and leave every later listing, of every brand, unchecked each time.
            var error = e is JsonException or InvalidOperationException
                ? $"{listing.Channel} answered the read of listing {listing.ChannelSku} with a body that could not be read: {e.Message}"
                : e.Message;
            logger.ReadFailed(listing.Channel, listing.ChannelSku, brandId, item.Sku, error);
            await TryWriteAsync(doc with { LastReadAt = now, LastReadError = error }, etag, cancellationToken);
            return (Result("read-failed", error), false);
        }

        doc = doc with
        {
            LastReadAt = now,
            LastReadError = null,
            LastChannelQuantity = readBack.Quantity,
            LastChannelPrice = readBack.Price,
            LastNote = readBack.Note,
            LastExpected = expected,
        };
        (doc, var breach) = await CheckPriceAsync(item, listing, readBack, doc, cancellationToken);
        if (failedPush)
        {
            var detail = $"channel shows {readBack.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "no quantity"} after {push.ConsecutiveFailures} failed push(es) " +
                $"({push.LastError}); we last pushed {expected}; the push path retries";
            return (await TryWriteAsync(doc with { LastNote = detail }, etag, cancellationToken) ? Result("read-after-failed-push", detail) : Result("lost-race"), breach);
        }

        if (readBack.Quantity is not { } shown)
        {
            return (await TryWriteAsync(doc, etag, cancellationToken) ? Result("no-quantity", readBack.Note) : Result("lost-race"), breach);
        }

        // The push state was read before the channel: a push of ours that started or landed while the channel answered makes
        // the channel differ from a stale "last pushed". That is no drift: nothing is counted, the next run compares again.
        var afterRead = await pushes.ReadListingAsync(brandId, item.Sku, listing.Channel, listing.ChannelSku, cancellationToken);
        var after = afterRead?.Document;
        if (PushMovedDuringRead(push, after))
        {
            var detail = $"channel shows {shown}; a push of ours started or landed while it was read (we had pushed {expected}): not compared";
            return (await TryWriteAsync(doc with { LastNote = detail }, etag, cancellationToken) ? Result("push-during-read", detail) : Result("lost-race"), breach);
        }

        switch (DriftRules.Decide(shown, expected, push.LastPushedAt, doc.Pending))
        {
            case DriftVerdict.InSync:
                var converged = doc.Pending is not null;
                doc = doc with { Pending = null, Converged = doc.Converged + (converged ? 1 : 0) };
                var stale = await CompareWithTruthAsync(item, listing, after!, afterRead!.Value.ETag, shown, now, truths, cancellationToken);
                if (stale?.Audit is { } audit)
                {
                    // The mark is made, and this run's alone (the push state's ETag decided it): the entry is kept whoever wrote meanwhile.
                    await AppendAuditAsync(doc with { LastNote = stale.Value.Detail }, etag, audit, cancellationToken);
                }
                else if (!await TryWriteAsync(stale is { } note ? doc with { LastNote = note.Detail } : doc, etag, cancellationToken) && stale is null)
                {
                    return (Result("lost-race"), breach);
                }

                if (converged)
                {
                    logger.DriftConverged(listing.Channel, listing.ChannelSku, brandId, item.Sku);
                }

                return stale is { } moved
                    ? (Result(moved.Result, moved.Detail), breach)
                    : (Result(converged ? "converged" : "in-sync", $"channel shows {shown}"), breach);

            case DriftVerdict.FirstSeen:
                var observation = new DriftObservation(now, shown, expected, push.LastPushedAt);
                if (!await TryWriteAsync(doc with { Pending = observation }, etag, cancellationToken))
                {
                    return (Result("lost-race"), breach);
                }

                logger.DriftFirstSeen(listing.Channel, listing.ChannelSku, brandId, item.Sku, shown, expected);
                return (Result("first-seen", $"channel shows {shown}, we pushed {expected}; repaired if the next read agrees"), breach);

            default:
                var repaired = await RepairAsync(item, listing, doc, etag, shown, expected, now, cancellationToken);
                return (repaired is { } entry ? Result("repaired", entry.Why) : Result("lost-race"), breach);
        }
    }

    /// <summary>Whether our push state changed between the read before the channel's and the one after it.</summary>
    private static bool PushMovedDuringRead(ListingPushDocument before, ListingPushDocument? after) =>
        after is null || after.Dirty || after.PushingSince is not null || after.HeldSince is not null || after.PausedSince is not null ||
        after.LastPushedAt != before.LastPushedAt || after.LastPushedQuantity != before.LastPushedQuantity;

    /// <summary>Creates or replaces under <paramref name="etag"/>; false when another run wrote first (it decides this listing).</summary>
    private async Task<bool> TryWriteAsync(ListingDriftDocument doc, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            await store.WriteAsync(doc, etag, cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            logger.LostRace(doc.Channel, doc.ChannelSku, doc.BrandId);
            return false;
        }
    }
}
