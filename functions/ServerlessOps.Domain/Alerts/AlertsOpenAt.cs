namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// A brand's unresolved alerts as they stood at an instant, from the alert records alone, so a report of a period
/// counts the same alerts whenever it is written: an episode was unresolved at <c>at</c> when it was raised at or before
/// it (<see cref="Alert.FirstSeen"/>) and not resolved by then (<see cref="Alert.ResolvedAt"/> absent or later). The
/// record keeps its current episode and <see cref="Alert.MaxPastEpisodes"/> earlier ones, so an alert reopened more than
/// that many times since <c>at</c> is no longer counted.
/// </summary>
public static class AlertsOpenAt
{
    /// <summary>
    /// The alerts unresolved at <paramref name="at"/> per kind, in kind order, each under <see cref="AlertState.Open"/>
    /// (unresolved, as the open-alert gauge counts it): whether one was acknowledged by then is not kept (a past
    /// episode has no acknowledgement time, a worsening drops the current one's).
    /// </summary>
    public static IReadOnlyList<AlertCount> Count(IEnumerable<Alert> alerts, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return
        [
            .. alerts.Where(a => WasUnresolvedAt(a, at))
                .GroupBy(a => a.Kind)
                .OrderBy(g => g.Key)
                .Select(g => new AlertCount(g.Key, AlertState.Open, g.Count())),
        ];
    }

    /// <summary>Whether the episode of <paramref name="alert"/> running at <paramref name="at"/>, if any, was unresolved then.</summary>
    public static bool WasUnresolvedAt(Alert alert, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.FirstSeen <= at)
        {
            return alert.State != AlertState.Resolved || alert.ResolvedAt > at;
        }

        // Episodes follow one another: a past one raised by at and resolved after it was the one running at at.
        return alert.PastEpisodes.Any(e => e.FirstSeen <= at && e.ResolvedAt > at);
    }
}
