namespace ServerlessOps.Infrastructure.Storage;

/// <summary>Where a raw delivery is in its life; kept in the blob's index tags (<see cref="RawDeliveryTags"/>), where a sweep finds stranded ones.</summary>
public enum RawDeliveryState
{
    /// <summary>Stored and acknowledged; processing has not finished.</summary>
    Received,

    /// <summary>Processed into the source of truth.</summary>
    Processed,

    /// <summary>Could not be processed; a quarantine entry says why.</summary>
    Quarantined,
}
