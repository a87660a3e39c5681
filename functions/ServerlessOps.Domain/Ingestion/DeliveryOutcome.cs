namespace ServerlessOps.Domain.Ingestion;

/// <summary>What processing a delivery did to the source of truth.</summary>
public enum DeliveryOutcome
{
    /// <summary>Accepted and durably stored; not processed yet.</summary>
    Received,

    /// <summary>Changed the truth (created or replaced an order, recorded a level or a price).</summary>
    Applied,

    /// <summary>Authentic but older than what is stored: kept for the record, truth unchanged.</summary>
    Stale,

    /// <summary>A repeat of a delivery already processed (same channel delivery id).</summary>
    Duplicate,

    /// <summary>Recorded only (a notice that changes no order, inventory or price).</summary>
    Recorded,

    /// <summary>Could not be normalised; kept in quarantine with its reason for inspection and replay.</summary>
    Quarantined,
}
