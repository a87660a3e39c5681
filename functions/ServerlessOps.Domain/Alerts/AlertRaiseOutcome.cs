namespace ServerlessOps.Domain.Alerts;

/// <summary>What a raise did (<see cref="AlertRaising.Decide"/>). All but <see cref="Repeated"/> and <see cref="AlreadyCounted"/> notify the owner.</summary>
public enum AlertRaiseOutcome
{
    /// <summary>First raise for this brand, kind and subject.</summary>
    Opened,

    /// <summary>It was unresolved and nothing material changed: last seen and occurrences updated, no notification.</summary>
    Repeated,

    /// <summary>It was unresolved and got materially worse (severity rose, or money at stake rose materially): notified again, back to open if acknowledged.</summary>
    Worsened,

    /// <summary>It had been resolved: a new episode opens.</summary>
    Reopened,

    /// <summary>
    /// Its <see cref="AlertRaise.OccurrenceKey"/> was already counted (the same raise run again): nothing changed, nothing
    /// was written and no notification requested.
    /// </summary>
    AlreadyCounted,
}
