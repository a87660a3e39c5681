namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>What one <see cref="AlertNotifier.SendAsync"/> did.</summary>
public enum AlertNotifyOutcome
{
    /// <summary>Posted, and recorded as delivered.</summary>
    Sent,

    /// <summary>The post failed after its retries; it stays pending for the retry timer.</summary>
    Failed,

    /// <summary>Nothing to send: delivered already, never requested, or the alert was resolved first.</summary>
    NothingPending,

    /// <summary>Another sender holds it (its claim has not run out).</summary>
    ClaimedElsewhere,

    /// <summary>No such alert.</summary>
    NotFound,

    /// <summary>No chat endpoint is configured: the pending notification was dropped.</summary>
    Dropped,
}
