using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Functions.Api.Alerts;

/// <summary>An alert as the API shows it: the kind by slug and title, the channel by slug, and where its notification stands.</summary>
public sealed record AlertView(
    string Id,
    string BrandId,
    string Kind,
    string Title,
    AlertSubject Subject,
    BrandSignal Signal,
    string? Channel,
    AlertSeverity Severity,
    string? Owner,
    string Message,
    MoneyAtStake? MoneyAtStake,
    IReadOnlyDictionary<string, string> Evidence,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int Occurrences,
    int Episode,
    AlertState State,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    string? Resolution,
    AlertNotificationView Notification,
    IReadOnlyList<AlertEpisode> PastEpisodes)
{
    public static AlertView From(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var info = alert.Kind.Describe();
        var n = alert.Notification;
        return new AlertView(
            alert.Id, alert.BrandId, info.Slug, info.Title, alert.Subject, alert.Signal, alert.Channel?.Slug(), alert.Severity, alert.Owner,
            alert.Message, alert.MoneyAtStake, alert.Evidence, alert.FirstSeen, alert.LastSeen, alert.Occurrences, alert.Episode, alert.State,
            alert.AcknowledgedBy, alert.AcknowledgedAt, alert.ResolvedBy, alert.ResolvedAt, alert.Resolution,
            new AlertNotificationView(n.Pending, n.NotifiedAt, n.NotifiedSequence, n.Attempts, n.LastAttemptAt, n.LastError, n.LastStatus, n.BackedOffUntil),
            alert.PastEpisodes);
    }
}

/// <summary>Where an alert's notifications stand.</summary>
/// <param name="Pending">A notification is requested and not yet delivered (the retry timer keeps trying).</param>
/// <param name="NotifiedAt">When a notification last reached the chat endpoint.</param>
/// <param name="Delivered">Notifications delivered so far.</param>
/// <param name="Attempts">Failed attempts at the pending one.</param>
/// <param name="LastStatus">The HTTP status the chat endpoint answered the last failed attempt with (404, 410, 403: the alert channel is broken).</param>
/// <param name="BackedOffUntil">After a refusal (a 4xx other than 408 and 429), when the retry timer tries again.</param>
public sealed record AlertNotificationView(
    bool Pending, DateTimeOffset? NotifiedAt, int Delivered, int Attempts, DateTimeOffset? LastAttemptAt, string? LastError, int? LastStatus, DateTimeOffset? BackedOffUntil);
