using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Ingestion;

/// <summary>
/// Records what happened to a delivery in the three places that must agree: the channel-event log entry,
/// the raw blob's state, and (for failures) the quarantine. The event log entry is written first, the blob
/// state last, so a crash in between leaves the blob "received" and the next attempt redoes the work
/// (every step being idempotent) instead of losing it.
/// </summary>
public sealed class DeliveryRecorder
{
    private const int MaxAttempts = 20;

    /// <summary>
    /// Most repeats kept noted on one entry (<see cref="ChannelEvent.CountedRepeats"/>); past it the oldest note goes. A note
    /// is needed only while the message that brought its repeat can run again (its queue attempts, then the poison handler:
    /// minutes), and channels repeat a delivery a handful of times over hours (Shopify 8 retries over 4 h), so 32 keeps
    /// every note a run again could need, and the entry small (~70 characters a note, ~2 KB at most) whatever a channel does.
    /// </summary>
    private const int MaxCountedRepeats = 32;

    private readonly IChannelEventLog _events;
    private readonly IQuarantineStore _quarantine;
    private readonly RawDeliveryStore _raw;
    private readonly TimeProvider _time;
    private readonly ILogger<DeliveryRecorder> _logger;

    public DeliveryRecorder(IChannelEventLog events, IQuarantineStore quarantine, RawDeliveryStore raw, TimeProvider time, ILogger<DeliveryRecorder> logger)
    {
        _events = events;
        _quarantine = quarantine;
        _raw = raw;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Counts one more arrival of a delivery already stored (a channel retry or duplicate), once for the repeat that
    /// <paramref name="arrival"/> names (<see cref="DeliveryMessage.RepeatKey"/>: what tells it from the delivery's other
    /// repeats): the count and the note of <paramref name="arrival"/> (<see cref="ChannelEvent.CountedRepeats"/>) are one
    /// conditional write, so a caller run again after it (the processor or the poison handler, whose messages the queue
    /// runs again) counts nothing, and one that failed before it counts then. Called for repeats only: a first copy pays
    /// nothing for it.
    /// </summary>
    public Task RecordRepeatAsync(RawDelivery raw, string arrival, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(arrival);
        return UpdateEventAsync(
            raw,
            e => e.CountedRepeats?.Contains(arrival, StringComparer.Ordinal) == true
                ? e
                : e with { Arrivals = e.Arrivals + 1, CountedRepeats = [.. (e.CountedRepeats ?? []).TakeLast(MaxCountedRepeats - 1), arrival] },
            NewEntry(raw, DeliveryOutcome.Received) with { Arrivals = 2, CountedRepeats = [arrival] },
            likelyAbsent: false,
            cancellationToken);
    }

    public async Task RecordOutcomeAsync(RawDelivery raw, ProcessingResult result, bool isReplay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(result);
        var now = _time.GetUtcNow();
        var entry = NewEntry(raw, result.Outcome) with { ProcessedAt = now, Detail = result.Detail, OrderId = result.OrderId };
        await UpdateEventAsync(
            raw,
            e => e with { Outcome = result.Outcome, ProcessedAt = now, Detail = result.Detail, OrderId = result.OrderId },
            entry,
            likelyAbsent: !isReplay,
            cancellationToken);

        if (result.Outcome == DeliveryOutcome.Quarantined)
        {
            await QuarantineAsync(raw, result.Detail ?? "Unknown reason.", cancellationToken);
            return;
        }

        if (isReplay)
        {
            await ResolveQuarantineAsync(raw, now, cancellationToken);
        }

        await _raw.SetStateAsync(raw, RawDeliveryState.Processed, cancellationToken: cancellationToken);
    }

    /// <summary>Quarantines a delivery without processing it (rejected after authentication, or out of retries).</summary>
    public async Task QuarantineAsync(RawDelivery raw, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var now = _time.GetUtcNow();
        await WriteQuarantineEntryAsync(raw, reason, now, cancellationToken);
        await UpdateEventAsync(
            raw,
            e => e with { Outcome = DeliveryOutcome.Quarantined, Detail = reason, ProcessedAt = now },
            NewEntry(raw, DeliveryOutcome.Quarantined) with { Detail = reason, ProcessedAt = now },
            likelyAbsent: false,
            cancellationToken);
        await _raw.SetStateAsync(raw, RawDeliveryState.Quarantined, reason, cancellationToken);
        _logger.DeliveryQuarantined(raw.DeliveryKey, raw.BrandId, raw.Channel, LogSafeText.WithoutQuotedValues(reason));
    }

    /// <summary>
    /// Creates the entry, or opens the existing one again with this reason, under its ETag: the replay endpoint bumps the
    /// replay count of the same entry meanwhile, and an unconditional write would put back the count read before it.
    /// </summary>
    private async Task WriteQuarantineEntryAsync(RawDelivery raw, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await _quarantine.GetAsync(raw.BrandId, raw.DeliveryKey, cancellationToken);
            var entry = new QuarantinedDelivery
            {
                DeliveryKey = raw.DeliveryKey,
                BrandId = raw.BrandId,
                Channel = raw.Channel,
                DeliveryId = raw.DeliveryId,
                Topic = raw.Topic,
                RawBlobName = raw.BlobName,
                Reason = reason,
                QuarantinedAt = now,
                State = QuarantineState.Open,
                ReplayCount = existing?.Value.ReplayCount ?? 0,
                LastReplayedAt = existing?.Value.LastReplayedAt,
            };
            try
            {
                if (existing is null)
                {
                    await _quarantine.CreateAsync(entry, cancellationToken);
                }
                else
                {
                    await _quarantine.ReplaceAsync(entry, existing.ETag, cancellationToken);
                }

                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // A replay was requested (or another attempt quarantined it) since the read: read again, keep theirs.
            }
        }
    }

    private async Task ResolveQuarantineAsync(RawDelivery raw, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var entry = await _quarantine.GetAsync(raw.BrandId, raw.DeliveryKey, cancellationToken);
            if (entry is null || entry.Value.State == QuarantineState.Resolved)
            {
                return;
            }

            try
            {
                await _quarantine.ReplaceAsync(entry.Value with { State = QuarantineState.Resolved, LastReplayedAt = now }, entry.ETag, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // The replay endpoint bumped the replay count meanwhile: read again.
            }
        }
    }

    /// <param name="likelyAbsent">
    /// The entry is most likely not written yet (a delivery's first processing): create it without reading first, and
    /// read only when the create finds it there (a duplicate counted meanwhile). One request instead of two per delivery.
    /// </param>
    private async Task UpdateEventAsync(
        RawDelivery raw,
        Func<ChannelEvent, ChannelEvent> update,
        ChannelEvent whenAbsent,
        bool likelyAbsent,
        CancellationToken cancellationToken)
    {
        if (likelyAbsent)
        {
            try
            {
                await _events.CreateAsync(whenAbsent, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                // Written before us: apply ours on top of it below.
            }
        }

        var day = DateOnly.FromDateTime(raw.ReceivedAt.UtcDateTime);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var current = await _events.GetAsync(raw.BrandId, day, raw.DeliveryKey, cancellationToken);
                if (current is null)
                {
                    await _events.CreateAsync(whenAbsent, cancellationToken);
                }
                else
                {
                    await _events.ReplaceAsync(update(current.Value), current.ETag, cancellationToken);
                }

                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // A duplicate's arrival count and the original's outcome raced: re-read and apply ours on top.
            }
        }
    }

    private static ChannelEvent NewEntry(RawDelivery raw, DeliveryOutcome outcome) => new()
    {
        DeliveryKey = raw.DeliveryKey,
        BrandId = raw.BrandId,
        Channel = raw.Channel,
        ChannelAccountId = raw.AccountId,
        DeliveryId = raw.DeliveryId,
        Topic = raw.Topic,
        EventId = raw.EventId,
        ReceivedAt = raw.ReceivedAt,
        Outcome = outcome,
        RawBlobName = raw.BlobName,
    };
}
