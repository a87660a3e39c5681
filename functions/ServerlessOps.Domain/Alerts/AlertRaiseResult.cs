namespace ServerlessOps.Domain.Alerts;

/// <summary>The alert as stored after a raise, and what the raise did.</summary>
public sealed record AlertRaiseResult(Alert Alert, AlertRaiseOutcome Outcome)
{
    /// <summary>Whether the raise requested a notification of the owner.</summary>
    public bool Notifies => Outcome is not (AlertRaiseOutcome.Repeated or AlertRaiseOutcome.AlreadyCounted) && Alert.Notification.Pending;
}
