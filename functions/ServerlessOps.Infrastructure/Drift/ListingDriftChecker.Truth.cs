using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Inventory.Drift;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Drift;

public sealed partial class ListingDriftChecker
{
    /// <summary>
    /// A clean listing the channel shows as we last pushed it, compared with the truth as it is now (the push worker's
    /// calculator on the current balance). What we last pushed can be stale with nobody owing a push: a ledger change whose
    /// mark was lost (the clocks' disagreement in Push/README.md, a crash between the ledger write and its mark) leaves
    /// the listing clean, and the channel one change behind until the SKU changes there again. Such a listing is marked
    /// through the push path (<see cref="ListingDirtyMarker.MarkListingIfUnchangedAsync"/>: coalescing, pause, brakes and
    /// the push's own record apply), only while its push state is the version read after the channel answered. Null when
    /// the truth agrees; else the result, the note for the drift document and, for a lost change, its audit entry.
    /// </summary>
    private async Task<(string Result, string Detail, DriftAuditEntry? Audit)?> CompareWithTruthAsync(
        CatalogItem item, ChannelListing listing, ListingPushDocument state, string stateETag, int shown, DateTimeOffset now, DriftTruthReads truths,
        CancellationToken cancellationToken)
    {
        var expected = state.LastPushedQuantity!.Value;
        var (truth, shared) = await truths.QuantityAsync(item.BrandId, item.Sku, listing, state, fresh: false, cancellationToken);
        if (truth.Quantity != expected && shared)
        {
            // Read for an earlier listing of the run: a change pushed since would look like one never pushed.
            (truth, _) = await truths.QuantityAsync(item.BrandId, item.Sku, listing, state, fresh: true, cancellationToken);
        }

        if (truth.Quantity == expected)
        {
            return null;
        }

        if (!await marker.MarkListingIfUnchangedAsync(item.BrandId, item.Sku, listing, stateETag, cancellationToken))
        {
            return ("push-during-read", $"channel shows {shown} as we last pushed; the truth is {truth.Quantity}, but the push state moved before it was marked: the push path has it", null);
        }

        // The available is what a ledger change moves; the buffer also moves with time alone (the sales velocity decays over
        // its window) and with settings (allocation, static buffer). A decision from before LastAvailable was kept counts as a lost change.
        if (state.LastAvailable == truth.Available)
        {
            var moved = $"channel shows {shown} as we last pushed, with available {truth.Available} unchanged since; the truth is now {truth.Quantity} ({truth.Why}): " +
                "the buffer or allocation moved without a ledger change. Marked: the push worker pushes the truth";
            logger.BufferMoved(listing.Channel, listing.ChannelSku, item.BrandId, item.Sku, expected, truth.Quantity);
            return ("buffer-moved", moved, null);
        }

        var why = $"{listing.Channel} shows {shown}, what we last pushed at {state.LastPushedAt:u}, and the listing was clean (no push owed), but the truth is " +
            $"{truth.Quantity} ({truth.Why}; the last push read available {state.LastAvailable?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unrecorded"}): " +
            "a change was never pushed (its mark was lost). Marked: the push worker pushes the truth.";
        logger.LostChangeMarked(listing.Channel, listing.ChannelSku, item.BrandId, item.Sku, expected, truth.Quantity);
        return ("lost-change", why, new DriftAuditEntry(now, now, shown, shown, expected, null, "Marked", why, truth.Quantity));
    }

    /// <summary>
    /// Writes <paramref name="doc"/> with <paramref name="entry"/> appended under <paramref name="etag"/>; when another run
    /// wrote first, appends the entry to its version instead (the mark it records was this run's alone: the push state's
    /// ETag decided that), so the audit never loses it.
    /// </summary>
    private async Task AppendAuditAsync(ListingDriftDocument doc, string? etag, DriftAuditEntry entry, CancellationToken cancellationToken)
    {
        var max = options.CurrentValue.MaxAuditEntries;
        var (next, ifMatch) = (doc, etag);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.WriteAsync(next with { Audit = [.. next.Audit.Append(entry).TakeLast(max)] }, ifMatch, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAuditAttempts)
            {
                if (await store.ReadAsync(doc.BrandId, doc.Channel, doc.ChannelSku, cancellationToken) is not { } read)
                {
                    (next, ifMatch) = (doc, null);
                    continue;
                }

                (next, ifMatch) = read;
            }
        }
    }
}
