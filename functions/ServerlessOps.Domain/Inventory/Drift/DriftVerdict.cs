namespace ServerlessOps.Domain.Inventory.Drift;

/// <summary>What one read-back decides for a listing (<see cref="DriftRules.Decide"/>).</summary>
public enum DriftVerdict
{
    /// <summary>The channel shows what we last pushed; a pending first observation, if any, converged by itself.</summary>
    InSync,

    /// <summary>Off the truth for the first time (or the first time since our last push): remembered, not repaired.</summary>
    FirstSeen,

    /// <summary>Off the truth on two reads with no push of ours between them: repair by pushing the truth.</summary>
    Persisting,
}
