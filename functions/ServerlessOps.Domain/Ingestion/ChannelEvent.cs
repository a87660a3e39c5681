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
    /// The repeats counted in <see cref="Arrivals"/>, each by what brought it (its bundle and its place there), noted in the
    /// same conditional write that counted it: the processor or poison handler run again after counting (its message's
    /// delete failed, or a later delivery of it threw) finds its repeat here and counts nothing. Null until one is; the
    /// most recent few dozen at most (channels retry a handful of times; a note matters only while its message can run).
    /// </summary>
    public IReadOnlyList<string>? CountedRepeats { get; init; }

    /// <summary>The UTC day received: the event log is read per brand and day.</summary>
    public DateOnly ReceivedDay => DateOnly.FromDateTime(ReceivedAt.UtcDateTime);
}
