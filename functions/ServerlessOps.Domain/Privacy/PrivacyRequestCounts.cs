namespace ServerlessOps.Domain.Privacy;

/// <summary>
/// What acting on a privacy request did. An activity may run more than once, so order and delivery counts are what
/// is now free of the buyer's personal data (erased this time or found already clean), and fields erased counts only
/// the fields the completing run changed.
/// </summary>
public sealed record PrivacyRequestCounts
{
    /// <summary>Orders named by the request (or, for a shop, found for the account) and held in the truth.</summary>
    public int OrdersFound { get; init; }

    /// <summary>Orders named by the request that the truth does not hold (never delivered, or another account's).</summary>
    public int OrdersNotFound { get; init; }

    /// <summary>Stored orders now free of personal data.</summary>
    public int OrdersRedacted { get; init; }

    /// <summary>Raw delivery blobs now free of the buyer's personal data, the request's own included.</summary>
    public int RawDeliveriesRedacted { get; init; }

    /// <summary>Quarantine entries whose reason quoted an erased value, now scrubbed.</summary>
    public int QuarantineEntriesScrubbed { get; init; }

    /// <summary>Channel-event records whose detail quoted an erased value, now scrubbed.</summary>
    public int ChannelEventsScrubbed { get; init; }

    /// <summary>Personal fields erased by the run that completed the request (orders and raw deliveries).</summary>
    public int FieldsErased { get; init; }

    /// <summary>Orders whose personal data went into the export (data requests).</summary>
    public int OrdersExported { get; init; }
}
