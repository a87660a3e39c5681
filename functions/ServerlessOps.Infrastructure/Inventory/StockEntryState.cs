namespace ServerlessOps.Infrastructure.Inventory;

/// <summary>Where a ledger entry stands. Pending is the only state that changes; applied and refused are final.</summary>
public enum StockEntryState
{
    /// <summary>Written under its deterministic id; no balance has been asked to take it yet, or the entry does not know yet.</summary>
    Pending,

    /// <summary>Its balance took it: the entry holds the deltas actually applied.</summary>
    Applied,

    /// <summary>A reservation beyond what was available: the balance did not change, and the cause never reserves.</summary>
    Refused,
}
