using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Alerts;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// Log events of business alerts: ids 4600-4699. Brand, alert id, kind and subject; never the chat endpoint (its URL
/// holds a secret), the message text or the owner's address.
/// </summary>
internal static partial class AlertsLog
{
    [LoggerMessage(EventId = 4600, Level = LogLevel.Information, Message = "Alert {AlertId} of brand {BrandId} {Outcome}: {Kind} on {Subject} (occurrence {Occurrences}, episode {Episode}, notify {Notifies})")]
    internal static partial void AlertRaised(this ILogger logger, string alertId, string brandId, AlertRaiseOutcome outcome, AlertKind kind, AlertSubject subject, int occurrences, int episode, bool notifies);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Alert {AlertId} of brand {BrandId} {Transition} by {By}")]
    internal static partial void AlertChanged(this ILogger logger, string alertId, string brandId, string transition, string by);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Warning, Message = "Alert {AlertId} of brand {BrandId} is recorded but its notification could not be queued ({Reason}); the retry timer sends it")]
    internal static partial void HandOffFailed(this ILogger logger, string alertId, string brandId, string reason);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Information, Message = "Alert {AlertId} of brand {BrandId}: notification {Sequence} delivered")]
    internal static partial void NotificationDelivered(this ILogger logger, string alertId, string brandId, int sequence);

    [LoggerMessage(EventId = 4604, Level = LogLevel.Warning, Message = "Alert {AlertId} of brand {BrandId}: notification {Sequence} failed (attempt {Attempt}): {Error}; it stays pending for the retry timer")]
    internal static partial void NotificationFailed(this ILogger logger, string alertId, string brandId, int sequence, int attempt, string error);

    [LoggerMessage(EventId = 4605, Level = LogLevel.Information, Message = "Alert {AlertId} of brand {BrandId}: pending notification dropped: {Reason}")]
    internal static partial void NotificationDropped(this ILogger logger, string alertId, string brandId, string reason);

    [LoggerMessage(EventId = 4606, Level = LogLevel.Debug, Message = "Chat webhook post failed with {Outcome}; retry {Attempt} in {DelayMs} ms")]
    internal static partial void WebhookRetrying(this ILogger logger, string outcome, int attempt, long delayMs);

    [LoggerMessage(EventId = 4607, Level = LogLevel.Warning, Message = "Open-alert rollup of brand {BrandId} not updated now ({Reason}); the retry timer repairs it")]
    internal static partial void RollupNotUpdated(this ILogger logger, string brandId, string reason);

    [LoggerMessage(EventId = 4608, Level = LogLevel.Warning, Message = "Open-alert rollup of brand {BrandId} repaired: its counts were {Corrections} alerts off")]
    internal static partial void RollupRepaired(this ILogger logger, string brandId, int corrections);

    [LoggerMessage(EventId = 4609, Level = LogLevel.Warning, Message = "Open-alert counts of brand {BrandId} could not be refreshed for the metrics: {Reason}")]
    internal static partial void MetricsRefreshFailed(this ILogger logger, string brandId, string reason);

    [LoggerMessage(EventId = 4610, Level = LogLevel.Warning, Message = "Alert sweep of brand {BrandId} failed: {Reason}; the next sweep tries again")]
    internal static partial void SweepFailed(this ILogger logger, string brandId, string reason);

    [LoggerMessage(EventId = 4611, Level = LogLevel.Warning, Message = "Alert notification message {Message} is not readable and was dropped: {Reason}")]
    internal static partial void UnreadableMessage(this ILogger logger, string message, string reason);

    [LoggerMessage(EventId = 4612, Level = LogLevel.Warning, Message = "Open-alert counts could not be refreshed for the metrics: the brands are not known yet ({Reason}); the next round tries again")]
    internal static partial void MetricsBrandsUnknown(this ILogger logger, string reason);

    [LoggerMessage(EventId = 4613, Level = LogLevel.Error, Message = "Alert sweep of brand {BrandId} broke on {Error}; the brand's pending notifications and counts wait for a fix, the other brands are swept")]
    internal static partial void SweepBrandBroken(this ILogger logger, string brandId, string error, Exception exception);

    [LoggerMessage(EventId = 4614, Level = LogLevel.Warning, Message = "Alert {AlertId} of brand {BrandId}: the chat endpoint refused notification {Sequence} with {Status} (attempt {Attempt}): the alert channel looks broken (webhook deleted or revoked?), check Alerts:WebhookUrl; the notification stays pending and is tried again in {BackOff}")]
    internal static partial void NotificationRefused(this ILogger logger, string alertId, string brandId, int sequence, int status, int attempt, TimeSpan backOff);
}
