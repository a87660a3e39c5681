using System.Globalization;

namespace ServerlessOps.Domain.Alerts;

/// <summary>What people (through the API) and the raising code do to an alert besides raising it.</summary>
public static class AlertTransitions
{
    /// <summary>Who resolves an alert when the code that raised it clears it.</summary>
    public const string System = "system";

    /// <summary>
    /// Open → acknowledged by <paramref name="by"/>. A notification still pending is dropped: someone has taken the
    /// problem, so the owner is not told of it now (a later material worsening reopens it and notifies again).
    /// Refused when already acknowledged or resolved.
    /// </summary>
    public static AlertChange Acknowledge(Alert alert, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        return alert.State switch
        {
            AlertState.Open => AlertChange.To(alert with
            {
                State = AlertState.Acknowledged,
                AcknowledgedBy = by,
                AcknowledgedAt = at,
                Notification = NotSent(alert.Notification, "not sent: acknowledged before it was delivered"),
            }),
            AlertState.Acknowledged => AlertChange.Refused($"Alert {alert.Id} was already acknowledged by {alert.AcknowledgedBy} at {Time(alert.AcknowledgedAt)}."),
            _ => AlertChange.Refused($"Alert {alert.Id} was resolved by {alert.ResolvedBy} at {Time(alert.ResolvedAt)}; there is nothing to acknowledge."),
        };
    }

    /// <summary>
    /// Open or acknowledged → resolved by <paramref name="by"/> (a person, or <see cref="System"/> when the raising
    /// code clears it). A notification still pending is dropped: the owner need not hear of a problem that is gone.
    /// Refused when already resolved.
    /// </summary>
    public static AlertChange Resolve(Alert alert, string by, DateTimeOffset at, string? resolution)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (alert.State == AlertState.Resolved)
        {
            return AlertChange.Refused($"Alert {alert.Id} was already resolved by {alert.ResolvedBy} at {Time(alert.ResolvedAt)}.");
        }

        return AlertChange.To(alert with
        {
            State = AlertState.Resolved,
            ResolvedBy = by,
            ResolvedAt = at,
            Resolution = string.IsNullOrWhiteSpace(resolution) ? null : resolution.Trim(),
            Notification = NotSent(alert.Notification, "not sent: resolved before it was delivered"),
        });
    }

    /// <summary>A pending notification dropped, saying why; one already delivered (or none requested) unchanged.</summary>
    private static AlertNotification NotSent(AlertNotification notification, string why) =>
        notification.Pending ? notification with { Pending = false, ClaimedUntil = null, LastError = why } : notification;

    private static string Time(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture) ?? "(unknown)";
}
