namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// A sender's steps with a pending notification, as pure functions applied under the alert's ETag: claim it, post
/// it, then record that it was delivered or failed. The claim makes racing senders (the queue message and the retry
/// timer, or two copies of a message) post it once; a sender that dies holding it loses it when the claim runs out.
/// Delivery is at least once: a crash between the post and recording it means one more post later.
/// A claim is known by its <see cref="AlertNotification.ClaimedUntil"/>: a sender may claim only once the previous
/// claim ran out, so every later claim ends later, and a sender's outcome releases its own claim, never a newer one.
/// </summary>
public static class AlertNotifications
{
    /// <summary>Whether a sender may claim the notification now: pending, not resolved, no live claim.</summary>
    public static bool IsClaimable(Alert alert, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Notification.Pending && alert.State != AlertState.Resolved
            && (alert.Notification.ClaimedUntil is not { } until || until <= now);
    }

    /// <summary>
    /// Whether the retry timer should send it: claimable, requested (or last tried) at least <paramref name="retryAfter"/>
    /// ago, and not backed off after a refusal (<see cref="AlertNotification.BackedOffUntil"/>).
    /// </summary>
    public static bool IsDueForRetry(Alert alert, DateTimeOffset now, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var since = alert.Notification.LastAttemptAt ?? alert.Notification.RequestedAt ?? DateTimeOffset.MinValue;
        return IsClaimable(alert, now) && since <= now - retryAfter && !(alert.Notification.BackedOffUntil > now);
    }

    /// <summary>
    /// How long to leave a notification after its <paramref name="attempt"/>-th failed attempt (1 for the first) was
    /// refused: <paramref name="retryAfter"/>, doubled per attempt, at most <paramref name="cap"/>.
    /// </summary>
    public static TimeSpan RefusalBackOff(int attempt, TimeSpan retryAfter, TimeSpan cap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var doublings = Math.Min(attempt - 1, 30);
        var wait = retryAfter.Ticks * Math.Pow(2, doublings);
        return wait >= cap.Ticks ? cap : TimeSpan.FromTicks((long)wait);
    }

    /// <summary>The claimed alert, or null when it is not claimable.</summary>
    public static Alert? Claim(Alert alert, DateTimeOffset now, TimeSpan claimFor) =>
        IsClaimable(alert, now) ? alert with { Notification = alert.Notification with { ClaimedUntil = now + claimFor } } : null;

    /// <summary>
    /// Notification <paramref name="sequence"/> reached the endpoint. Pending ends unless a later one was requested
    /// meanwhile (a worsening during the post), which then stays pending for the sender to post next.
    /// </summary>
    /// <param name="claimedUntil">The sender's claim (its <see cref="AlertNotification.ClaimedUntil"/>); when another sender claimed it since, that claim stays. Null: released whatever it is.</param>
    public static Alert Delivered(Alert alert, int sequence, DateTimeOffset at, DateTimeOffset? claimedUntil = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var n = alert.Notification;
        var newer = n.Sequence > sequence;
        var othersClaim = OthersClaim(n, claimedUntil);
        return alert with
        {
            Notification = n with
            {
                NotifiedAt = at,
                NotifiedSequence = Math.Max(n.NotifiedSequence, sequence),
                Pending = n.Pending && newer,
                Attempts = newer ? n.Attempts : 0,
                LastError = newer ? n.LastError : null,
                LastStatus = newer ? n.LastStatus : null,
                BackedOffUntil = null,
                ClaimedUntil = othersClaim,
            },
        };
    }

    /// <summary>
    /// Notification <paramref name="sequence"/> failed; it stays pending, its claim released, for the retry timer. With
    /// <paramref name="backOff"/> (the endpoint refused it), the timer leaves it alone that long.
    /// </summary>
    /// <param name="claimedUntil">The sender's claim; when another sender claimed it since, that claim stays and nothing else changes. Null: released whatever it is.</param>
    public static Alert Failed(Alert alert, int sequence, DateTimeOffset at, string error, int? status = null, TimeSpan? backOff = null, DateTimeOffset? claimedUntil = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var n = alert.Notification;
        if (OthersClaim(n, claimedUntil) is not null)
        {
            // The sender holding the claim now decides what this attempt's outcome would have said.
            return alert;
        }

        if (n.Sequence != sequence)
        {
            return alert with { Notification = n with { ClaimedUntil = null } };
        }

        return alert with
        {
            Notification = n with
            {
                Attempts = n.Attempts + 1, LastAttemptAt = at, LastError = error, LastStatus = status, BackedOffUntil = at + backOff, ClaimedUntil = null,
            },
        };
    }

    /// <summary>The live claim of another sender than the one holding <paramref name="claimedUntil"/>, or null.</summary>
    private static DateTimeOffset? OthersClaim(AlertNotification notification, DateTimeOffset? claimedUntil) =>
        claimedUntil is { } mine && notification.ClaimedUntil is { } current && current != mine ? current : null;

    /// <summary>No endpoint is configured any more: the pending notification is dropped, saying why.</summary>
    public static Alert Dropped(Alert alert, string why)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert with { Notification = alert.Notification with { Pending = false, ClaimedUntil = null, LastError = why } };
    }
}
