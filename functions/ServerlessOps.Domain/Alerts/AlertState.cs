namespace ServerlessOps.Domain.Alerts;

/// <summary>Where an alert stands. Open and acknowledged alerts are unresolved: both count as open in the metrics.</summary>
public enum AlertState
{
    /// <summary>Raised and nobody has taken it yet.</summary>
    Open,

    /// <summary>Someone took it (who and when are recorded); it stays unresolved until the cause is gone.</summary>
    Acknowledged,

    /// <summary>The cause is gone (cleared by the code that raised it, or resolved by a person). Raising it again opens a new episode.</summary>
    Resolved,
}
