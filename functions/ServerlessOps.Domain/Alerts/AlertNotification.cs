namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// The owner's notifications of an alert. A raise that must tell the owner (<see cref="AlertRaiseOutcome"/>) requests
/// one: <see cref="Sequence"/> grows and <see cref="Pending"/> is set, in the same write that records the alert, so
/// a notification is never lost and never blocks the raise. A sender claims it (<see cref="ClaimedUntil"/>), posts it,
/// and records the outcome (<see cref="AlertNotifications"/>); a timer retries what is still pending.
/// </summary>
public sealed record AlertNotification
{
    /// <summary>Notifications requested so far; 0 when none was (notifications off).</summary>
    public int Sequence { get; init; }

    /// <summary>Notification <see cref="Sequence"/> is requested and not yet delivered.</summary>
    public bool Pending { get; init; }

    /// <summary>Why the latest notification was requested.</summary>
    public AlertRaiseOutcome? Reason { get; init; }

    /// <summary>When the latest notification was requested.</summary>
    public DateTimeOffset? RequestedAt { get; init; }

    /// <summary>Severity the owner was last told about (or would have been, with notifications off): the baseline of a material change.</summary>
    public AlertSeverity? BaselineSeverity { get; init; }

    /// <summary>Money at stake the owner was last told about: the baseline of a material change.</summary>
    public MoneyAtStake? BaselineMoney { get; init; }

    /// <summary>When a notification last reached the chat endpoint (it answered 2xx).</summary>
    public DateTimeOffset? NotifiedAt { get; init; }

    /// <summary>The <see cref="Sequence"/> last delivered.</summary>
    public int NotifiedSequence { get; init; }

    /// <summary>Failed attempts at the pending notification.</summary>
    public int Attempts { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>Why the last attempt failed (status or exception type; never the endpoint, which holds a secret).</summary>
    public string? LastError { get; init; }

    /// <summary>The HTTP status the chat endpoint answered the last failed attempt with; null when it did not answer.</summary>
    public int? LastStatus { get; init; }

    /// <summary>
    /// The endpoint refused the last attempt (a 4xx other than 408 and 429: the webhook is gone or revoked), so the
    /// retry timer leaves it alone until then; the wait doubles per refusal (<see cref="AlertNotifications.RefusalBackOff"/>).
    /// </summary>
    public DateTimeOffset? BackedOffUntil { get; init; }

    /// <summary>A sender is posting it until then; others leave it alone. A crashed sender's claim simply runs out.</summary>
    public DateTimeOffset? ClaimedUntil { get; init; }
}
