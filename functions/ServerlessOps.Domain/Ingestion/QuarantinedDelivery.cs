using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Ingestion;

/// <summary>Whether a quarantined delivery still needs someone.</summary>
public enum QuarantineState
{
    /// <summary>Waiting for a fix and a replay.</summary>
    Open,

    /// <summary>Replayed and processed successfully.</summary>
    Resolved,
}

/// <summary>
/// An authenticated delivery that failed normalisation (or failed processing past the retry limit). The raw
/// blob is kept; once the cause is fixed the delivery is replayed through the API.
/// </summary>
public sealed record QuarantinedDelivery
{
    public required string DeliveryKey { get; init; }

    public required string BrandId { get; init; }

    public required SalesChannel Channel { get; init; }

    public required string DeliveryId { get; init; }

    public required string Topic { get; init; }

    public required string RawBlobName { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset QuarantinedAt { get; init; }

    public QuarantineState State { get; init; } = QuarantineState.Open;

    public int ReplayCount { get; init; }

    public DateTimeOffset? LastReplayedAt { get; init; }
}
