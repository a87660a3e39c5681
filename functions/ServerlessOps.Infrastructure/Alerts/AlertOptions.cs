using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>Business alerts, section <c>Alerts</c>: where notifications go and how hard to try. Validated at start (<see cref="AlertOptionsValidator"/>).</summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    /// <summary>
    /// The chat incoming webhook notifications are posted to as <c>{"text": ...}</c> (Slack, Teams and most chat
    /// tools accept it). An absolute http(s) URL; it holds a secret, so in Azure a Key Vault reference. Empty: alerts
    /// are recorded and counted but nobody is notified. Default empty.
    /// </summary>
    public string WebhookUrl { get; set; } = string.Empty;

    /// <summary>Queue that hands notifications from the raise to the sender (<c>SendAlertNotification</c>). Default <c>alert-notifications</c>.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string QueueName { get; set; } = "alert-notifications";

    /// <summary>One attempt's timeout, in seconds. Default 5; 1-60.</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>All attempts of one notification together, in seconds. Default 30; 1-300, at least <see cref="TimeoutSeconds"/>.</summary>
    [Range(1, 300)]
    public int TotalTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a failed post (408, 429, 5xx, connection failures) within one send. Default 3; 0-10.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay in milliseconds, doubled per retry with jitter; a Retry-After answer replaces it. Default 500; 10-60,000.</summary>
    [Range(10, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>
    /// How long a notification stays pending (requested or last failed) before the retry timer (<c>SweepAlerts</c>,
    /// every 5 minutes) sends it: long enough for the queue hand-off to have done it. Default 2 min; 1 s to 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Longest wait between tries of a notification the chat endpoint refused (a 4xx other than 408 and 429: the
    /// webhook was deleted or revoked). The wait starts at <see cref="RetryAfter"/> and doubles per refusal up to
    /// this, so a dead URL is not hit every sweep yet the alert goes out once the channel is fixed. Default 6 hours;
    /// 1 minute to 7 days, at least <see cref="RetryAfter"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan MaxRefusedBackOff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long a sender holds a notification it is posting before another may take it (a sender that died loses it
    /// then). Default 2 min; 10 s to 1 hour, at least <see cref="TotalTimeoutSeconds"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A repeated alert notifies again when money at stake rose by this fraction of what was last notified (and by <see cref="RenotifyMinimumIncrease"/>). Default 0.5; 0-100.</summary>
    [Range(typeof(decimal), "0", "100")]
    public decimal RenotifyMoneyIncrease { get; set; } = 0.5m;

    /// <summary>...and by at least this many units of its currency. Default 10; 0-1,000,000.</summary>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal RenotifyMinimumIncrease { get; set; } = 10m;

    /// <summary>How often each instance re-reads the brands' open-alert counts for the metrics. Default 1 min; 5 s to 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan MetricsRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after its placement an order's flow has surely been started, and in the usual case has ended: longer than
    /// the ship-by SLA, delivery and the longest return window in use. The sweep resolves the price alerts of an order
    /// placed longer ago whose flow has no end record and no instance left in the engine (purged before flows recorded
    /// their end), and the order flow starter starts no fresh flow for such an order when it changes again; a flow that
    /// still exists keeps them open and is woken whatever its age, so a shorter value never touches a running flow, only
    /// risks taking a flow not yet started for an ended one. Default 120 days; 1 to 730 days.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "730.00:00:00")]
    public TimeSpan OrderFlowLongestLife { get; set; } = TimeSpan.FromDays(120);

    /// <summary>Whether notifications are sent at all: <see cref="WebhookUrl"/> is set.</summary>
    public bool Notifies => !string.IsNullOrWhiteSpace(WebhookUrl);
}
