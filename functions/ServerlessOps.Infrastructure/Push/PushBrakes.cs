using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory.Availability;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// The brakes on pushes: a pause per channel account (who and when audited; listings found paused wait in the control
/// document and the resume queues each once, so it sends the latest truth), and the mass-drop hold per brand (drops to
/// zero past <see cref="InventoryPushOptions.MassDropMaxListings"/> in <see cref="InventoryPushOptions.MassDropWindow"/>
/// are held, the inventory owner alerted, and a confirmation releases them).
/// </summary>
public sealed class PushBrakes(
    InventoryPushStore store, InventoryPushHandOff queue, IAlertRaiser alerts, IOptions<InventoryPushOptions> options, TimeProvider time, ILogger<PushBrakes> logger)
{
    /// <summary>The subject of the brand's <see cref="AlertKind.PushHeld"/> alert.</summary>
    public static readonly AlertSubject HoldSubject = AlertSubject.Process("inventory-push-hold");

    public Task<PushControlDocument> PauseAsync(string brandId, SalesChannel channel, string accountId, string by, string? reason, CancellationToken cancellationToken = default) =>
        SetPausedAsync(brandId, channel, accountId, paused: true, by, reason, cancellationToken);

    /// <summary>
    /// Resumes and queues every listing that waited (their state is still dirty, so the worker pushes the truth as it is
    /// then). The waiting list is emptied last, of the listings queued only: interrupted midway (a queue outage, a caller
    /// hanging up), the rest still wait and resuming again queues them.
    /// </summary>
    public async Task<PushControlDocument> ResumeAsync(string brandId, SalesChannel channel, string accountId, string by, string? reason, CancellationToken cancellationToken = default)
    {
        var waiting = Array.Empty<ListingRef>() as IReadOnlyList<ListingRef>;
        await store.UpdateControlAsync(brandId, channel, accountId, current =>
        {
            var doc = current ?? PushControlDocument.New(brandId, channel, accountId);
            waiting = doc.Waiting;
            return doc with { Paused = false, Audit = Audited(doc.Audit, "resumed", by, reason) };
        }, cancellationToken);

        foreach (var listing in waiting)
        {
            await queue.EnqueueAsync(new InventoryPushMessage(brandId, listing.Sku, listing.Channel, listing.ChannelSku), TimeSpan.Zero, cancellationToken);

            // No longer waiting on the pause: should this message be lost, the drift check's requeue sees the listing.
            var now = time.GetUtcNow();
            await store.UpdateListingAsync(brandId, listing.Sku, listing.Channel, listing.ChannelSku, current =>
                current is null ? null : current with { PausedSince = null, QueuedAt = now }, cancellationToken);
        }

        var queued = waiting.ToHashSet();
        var control = await store.UpdateControlAsync(brandId, channel, accountId, current =>
            // Paused again meanwhile: they wait for the next resume (a worker may have found one paused and kept it here).
            current is null || current.Paused || queued.Count == 0 ? null : current with { Waiting = [.. current.Waiting.Where(w => !queued.Contains(w))] },
            cancellationToken);

        logger.ControlChanged(channel, accountId, brandId, "resumed", by, waiting.Count);
        return control!;
    }

    /// <summary>
    /// True when the account is paused: the listing is recorded as waiting (in the same ETag-guarded write that saw the
    /// pause, so a resume either sees it waiting or happened before and this answers false).
    /// </summary>
    public async Task<bool> TryParkAsync(string brandId, SalesChannel channel, string accountId, ListingRef listing, CancellationToken cancellationToken = default)
    {
        var parked = false;
        await store.UpdateControlAsync(brandId, channel, accountId, current =>
        {
            parked = current is { Paused: true };
            if (!parked || current!.Waiting.Contains(listing))
            {
                return null;
            }

            return current with { Waiting = [.. current.Waiting, listing] };
        }, cancellationToken);
        return parked;
    }

    /// <summary>
    /// For a worker that has parked <paramref name="listing"/> and released it: false while the account is still paused.
    /// True when it was resumed in between: the resume queued the listing while the worker still held it, so that message
    /// was put off until the claim would have lapsed (<see cref="InventoryPushOptions.ClaimTimeout"/>) and the worker's
    /// release marked it paused again; it is queued now and no longer paused, as the resume does.
    /// </summary>
    public async Task<bool> RequeueIfResumedAsync(string brandId, SalesChannel channel, string accountId, ListingRef listing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if ((await store.GetControlAsync(brandId, channel, accountId, cancellationToken))?.Paused == true)
        {
            return false;
        }

        await queue.EnqueueAsync(new InventoryPushMessage(brandId, listing.Sku, listing.Channel, listing.ChannelSku), TimeSpan.Zero, cancellationToken);
        var now = time.GetUtcNow();
        await store.UpdateListingAsync(brandId, listing.Sku, listing.Channel, listing.ChannelSku, current =>
            current is null ? null : current with { PausedSince = null, QueuedAt = now }, cancellationToken);
        return true;
    }

    /// <summary>
    /// Records a drop to zero of <paramref name="listing"/>; true when it is held (too many drops in the window, or a hold
    /// already open). The first drop held raises the brand's <see cref="AlertKind.PushHeld"/> alert; later ones count on it.
    /// </summary>
    public async Task<bool> RecordDropAsync(string brandId, ListingRef listing, int? showing, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var key = $"{listing.Channel.Slug()}:{listing.Sku}:{listing.ChannelSku}";
        var held = false;
        var hold = await store.UpdateHoldAsync(brandId, current =>
        {
            var doc = current ?? PushHoldDocument.New(brandId);
            var recent = doc.RecentDrops.Where(d => d.At > now - settings.MassDropWindow).ToList();
            held = doc.Held.Count > 0
                || ZeroDropBrake.ShouldHold(recent.Select(d => (d.ListingKey, d.At)), key, now, settings.MassDropWindow, settings.MassDropMaxListings);
            if (!held)
            {
                return doc with { RecentDrops = [.. recent.Where(d => d.ListingKey != key), new ZeroDrop(key, now)] };
            }

            return doc.Held.Any(h => h.Listing == listing)
                ? null
                : doc with { RecentDrops = recent, Held = [.. doc.Held, new HeldListing(listing, showing, now)], HeldSince = doc.HeldSince ?? now };
        }, cancellationToken);

        if (held)
        {
            var count = hold?.Held.Count ?? 1;
            await alerts.RaiseAsync(new AlertRaise(
                brandId, AlertKind.PushHeld, HoldSubject,
                $"{count} listing(s) of {brandId} would drop from stock to zero (more than {settings.MassDropMaxListings} within {settings.MassDropWindow}): a bad count import? " +
                $"Their pushes are held. Check the ledger, then confirm with POST /api/brands/{brandId}/pushes/held/confirm to send them.")
            {
                Evidence = new Dictionary<string, string>
                {
                    ["heldListings"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["examples"] = string.Join(", ", (hold?.Held ?? []).Take(10).Select(h => $"{h.Listing.Channel.Slug()}:{h.Listing.ChannelSku}")),
                },
            }, cancellationToken);
        }

        return held;
    }

    /// <summary>
    /// Releases every held drop: each listing still held may now go to zero and is queued; the hold alert is cleared.
    /// Answers how many. The hold lets go of a listing only once that listing is released, so an interrupted confirmation
    /// (a queue outage, a caller hanging up) leaves the rest held and confirming again releases them. A listing whose drop
    /// was superseded meanwhile (a restock decided since) is not confirmed: its next drop to zero meets the brake again.
    /// </summary>
    public async Task<IReadOnlyList<HeldListing>> ConfirmHeldAsync(string brandId, string by, CancellationToken cancellationToken = default)
    {
        var released = (await store.GetHoldAsync(brandId, cancellationToken))?.Held ?? [];
        foreach (var held in released)
        {
            await ReleaseAsync(brandId, held, cancellationToken);
        }

        if (released.Count > 0)
        {
            var now = time.GetUtcNow();
            var done = released.Select(h => h.Listing).ToHashSet();
            await store.UpdateHoldAsync(brandId, current =>
            {
                if (current is null)
                {
                    return null;
                }

                var left = current.Held.Where(h => !done.Contains(h.Listing)).ToList();
                return current with
                {
                    Held = left,
                    HeldSince = left.Count > 0 ? current.HeldSince : null,
                    History = [.. current.History.TakeLast(PushHoldDocument.MaxHistory - 1), new HoldConfirmation(by, now, released.Count)],
                };
            }, cancellationToken);
            await alerts.ClearAsync(brandId, AlertKind.PushHeld, HoldSubject, $"{released.Count} held push(es) confirmed by {by}", cancellationToken);
        }

        logger.HoldConfirmed(brandId, released.Count, by);
        return released;
    }

    /// <summary>
    /// Lets a listing still held go to zero and queues it (its claimer queues it when one holds it). Only while held: a
    /// confirmation of a drop already superseded would otherwise leave it confirmed for a later, unseen drop. Held also
    /// counts while the claim that recorded the drop (claimed before <see cref="HeldListing.HeldAt"/>) has not yet written
    /// the listing: the held list shows a drop as soon as it is recorded.
    /// </summary>
    private async Task ReleaseAsync(string brandId, HeldListing held, CancellationToken cancellationToken)
    {
        var listing = held.Listing;
        var enqueue = false;
        await store.UpdateListingAsync(brandId, listing.Sku, listing.Channel, listing.ChannelSku, current =>
        {
            enqueue = false;
            if (current is { HeldSince: null, PushingSince: { } claimedAt } && claimedAt <= held.HeldAt)
            {
                // Its finish keeps the confirmation (the decision is zero) and, finding the listing dirty, queues the push.
                return current with { ZeroConfirmed = true, Dirty = true, DirtySince = current.DirtySince ?? time.GetUtcNow() };
            }

            if (current?.HeldSince is null)
            {
                // Released by a confirmation interrupted before it let go of the hold: queue it again. Otherwise its drop was
                // superseded (a restock decided since): nothing to confirm, and its next drop to zero meets the brake.
                enqueue = current is { ZeroConfirmed: true, Dirty: true, PushingSince: null };
                return null;
            }

            var now = time.GetUtcNow();
            enqueue = current.PushingSince is null;
            return current with { ZeroConfirmed = true, HeldSince = null, Dirty = true, DirtySince = current.DirtySince ?? now, QueuedAt = enqueue ? now : current.QueuedAt };
        }, cancellationToken);
        if (enqueue)
        {
            await queue.EnqueueAsync(new InventoryPushMessage(brandId, listing.Sku, listing.Channel, listing.ChannelSku), TimeSpan.Zero, cancellationToken);
        }
    }

    private async Task<PushControlDocument> SetPausedAsync(string brandId, SalesChannel channel, string accountId, bool paused, string by, string? reason, CancellationToken cancellationToken)
    {
        var control = await store.UpdateControlAsync(brandId, channel, accountId, current =>
        {
            var doc = current ?? PushControlDocument.New(brandId, channel, accountId);
            return doc with { Paused = paused, Audit = Audited(doc.Audit, paused ? "paused" : "resumed", by, reason) };
        }, cancellationToken);
        logger.ControlChanged(channel, accountId, brandId, paused ? "paused" : "resumed", by, 0);
        return control!;
    }

    private IReadOnlyList<PushControlAuditEntry> Audited(IReadOnlyList<PushControlAuditEntry> audit, string action, string by, string? reason) =>
        [.. audit.TakeLast(PushControlDocument.MaxAudit - 1), new PushControlAuditEntry(action, by, time.GetUtcNow(), reason)];
}
