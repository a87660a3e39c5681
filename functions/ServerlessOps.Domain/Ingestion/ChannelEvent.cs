using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Ingestion;

/// <summary>
/// One entry of the channel-event log: what arrived, when, and what it did. Exactly one entry per
/// delivery key; its outcome is updated as processing moves on (Received, then Applied/Stale/...).
/// </summary>
public sealed record ChannelEvent
{
    public required string DeliveryKey { get; init; }

    public required string BrandId { get; init; }

    public required SalesChannel Channel { get; init; }

    public required string ChannelAccountId { get; init; }

    public required string DeliveryId { get; init; }

    public required string Topic { get; init; }

    public string? EventId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? ProcessedAt { get; init; }

    public required DeliveryOutcome Outcome { get; init; }

    /// <summary>Why: the quarantine reason, "older than stored version ...", the notice summary.</summary>
    public string? Detail { get; init; }

    /// <summary>The order it concerns, when it concerns one (canonical order id).</summary>
    public string? OrderId { get; init; }

    public required string RawBlobName { get; init; }

    /// <summary>How many times this delivery arrived (the first plus every duplicate).</summary>
    public int Arrivals { get; init; } = 1;

    /// <summary>
    /// The repeats that failed every attempt and were counted in <see cref="Arrivals"/> from the poison queue, each by what
    /// brought it (its bundle), noted in the same conditional write that counted it: a poison handler run again after
    /// counting finds its repeat here and counts nothing. Null until one is; a handful at most, as channels retry a few times.
    /// </summary>
    public IReadOnlyList<string>? PoisonedRepeats { get; init; }

    /// <summary>The UTC day received: the event log is read per brand and day.</summary>
    public DateOnly ReceivedDay => DateOnly.FromDateTime(ReceivedAt.UtcDateTime);
}
