using System.Globalization;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Inventory.Drift;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Drift;

public sealed partial class ListingDriftChecker
{
    private const int MaxAuditAttempts = 10;

    /// <summary>
    /// Claims the repair (the observation cleared and an audit entry written under the ETag read, so one run repairs it),
    /// then hands the listing to the push path and records what it pushed. Null when another run claimed it first.
    /// </summary>
    private async Task<DriftAuditEntry?> RepairAsync(
        CatalogItem item, ChannelListing listing, ListingDriftDocument doc, string? etag, int shown, int expected, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var pending = doc.Pending!;
        var why = $"{listing.Channel} showed {pending.ChannelQuantity} at {pending.SeenAt:u} and {shown} at {now:u}, while we had pushed {expected} " +
            $"at {pending.LastPushedAt:u} and nothing since: the listing was changed on the channel (or lost our push). Pushed the truth";
        var entry = new DriftAuditEntry(now, pending.SeenAt, pending.ChannelQuantity, shown, expected, null, "Repairing", why + ".");
        var recent = doc.RecentRepairs.Where(r => r > now - settings.RepeatedWindow).Append(now).ToList();
        var claimed = doc with
        {
            Pending = null,
            RepairedAt = now,
            RecentRepairs = recent,
            Audit = [.. doc.Audit.Append(entry).TakeLast(settings.MaxAuditEntries)],
        };
        if (!await TryWriteAsync(claimed, etag, cancellationToken))
        {
            return null;
        }

        // The push state learns what the channel really shows, so the worker's "unchanged" check does not skip the push
        // and Shopify's compare-and-set compares with the level the channel holds. Only while nothing moved since the
        // observation: a push queued, in flight or landed since will put the truth there anyway.
        await pushes.UpdateListingAsync(item.BrandId, item.Sku, listing.Channel, listing.ChannelSku, current =>
            current is null || current.Dirty || current.PushingSince is not null || current.LastPushedAt != pending.LastPushedAt
                ? null
                : current with { LastPushedQuantity = shown, Dirty = true, DirtySince = now, QueuedAt = now },
            cancellationToken);

        string outcome;
        try
        {
            outcome = (await worker.PushAsync(new InventoryPushMessage(item.BrandId, item.Sku, listing.Channel, listing.ChannelSku), cancellationToken)).ToString();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The listing stays dirty with no message: a later drift run queues it again once RequeueAfter has passed
            // (LostPushRequeue), or the next change does. The audit says the repair did not go out.
            outcome = $"{nameof(ListingPushOutcome.Failed)}: {e.Message}";
        }

        var after = await pushes.GetListingAsync(item.BrandId, item.Sku, listing.Channel, listing.ChannelSku, cancellationToken);
        var pushed = outcome == nameof(ListingPushOutcome.Pushed) ? after?.LastPushedQuantity : null;
        var done = entry with
        {
            Pushed = pushed,
            Outcome = outcome,
            Why = pushed is { } p ? $"{why}: {p} ({after?.LastWhy})." : $"{why}, but the push worker answered {outcome}.",
        };
        await RecordAuditAsync(item.BrandId, listing, entry.At, done, cancellationToken);
        logger.DriftRepaired(listing.Channel, listing.ChannelSku, item.BrandId, item.Sku, shown, expected, outcome, pushed);

        if (recent.Count >= settings.RepeatedRepairs)
        {
            await alerts.RaiseAsync(new AlertRaise(
                item.BrandId, AlertKind.DriftRepeated, AlertSubject.Listing(listing.Channel, item.Sku),
                $"{listing.Channel} listing {listing.ChannelSku} of {item.Sku} drifted from the truth and was repaired {recent.Count} times within {settings.RepeatedWindow}; " +
                $"last time it showed {shown} where we had pushed {expected}. Something on {listing.Channel} keeps changing it (an app, a person, a feed): find and stop it.")
            {
                Channel = listing.Channel,
                Evidence = new Dictionary<string, string>
                {
                    ["channelSku"] = listing.ChannelSku,
                    ["repairs"] = recent.Count.ToString(CultureInfo.InvariantCulture),
                    ["window"] = settings.RepeatedWindow.ToString(),
                    ["channelShowed"] = shown.ToString(CultureInfo.InvariantCulture),
                    ["weHadPushed"] = expected.ToString(CultureInfo.InvariantCulture),
                    ["pushedNow"] = pushed?.ToString(CultureInfo.InvariantCulture) ?? outcome,
                },
            }, cancellationToken);
        }

        return done;
    }

    /// <summary>Replaces the audit entry written at <paramref name="at"/> with its result, re-reading on a lost race.</summary>
    private async Task RecordAuditAsync(string brandId, ChannelListing listing, DateTimeOffset at, DriftAuditEntry done, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAuditAttempts; attempt++)
        {
            if (await store.ReadAsync(brandId, listing.Channel, listing.ChannelSku, cancellationToken) is not { } read)
            {
                return;
            }

            var audit = read.Document.Audit.Select(a => a.At == at && a.Outcome == "Repairing" ? done : a).ToList();
            try
            {
                await store.WriteAsync(read.Document with { Audit = audit }, read.ETag, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAuditAttempts)
            {
                // Another run read the listing meanwhile: write the result on its version.
            }
        }
    }
}
