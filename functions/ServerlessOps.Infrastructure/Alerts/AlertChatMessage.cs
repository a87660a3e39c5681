using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// The body posted to the chat incoming webhook: <c>{"text": ...}</c>, the one shape Slack, Microsoft Teams
/// (incoming webhooks and Workflows' webhook trigger) and most chat tools accept. The text names the owner, brand,
/// kind, subject and money, says why it is sent, and links to the alert in the API. Text that came from outside (the
/// subject, message and evidence carry channel data) goes through <see cref="AlertChatText.Neutralise"/>; only the
/// message's own bold marks and line breaks are formatting.
/// </summary>
public static class AlertChatMessage
{
    public static string Build(Alert alert, string? apiBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var info = alert.Kind.Describe();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"*{info.Title}* ({alert.Severity}, {Why(alert.Notification.Reason)}) for brand *{alert.BrandId}*\n");
        text.Append(CultureInfo.InvariantCulture, $"Owner: {alert.Owner ?? "unassigned (the brand names no owner for " + alert.Signal.ToString().ToLowerInvariant() + ")"}\n");
        text.Append(CultureInfo.InvariantCulture, $"Subject: {AlertChatText.Neutralise(alert.Subject.ToString())}");
        if (alert.Channel is { } channel)
        {
            text.Append(CultureInfo.InvariantCulture, $" on {channel.Slug()}");
        }

        text.Append('\n');
        if (alert.MoneyAtStake is { } money)
        {
            text.Append(CultureInfo.InvariantCulture, $"Money at stake: {money}\n");
        }

        text.Append(AlertChatText.Neutralise(alert.Message)).Append('\n');
        if (alert.Evidence.Count > 0)
        {
            text.Append("Evidence: ").AppendJoin(", ", alert.Evidence.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => AlertChatText.Neutralise($"{e.Key}={e.Value}"))).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"Seen {alert.Occurrences} time(s) since {alert.FirstSeen.UtcDateTime:yyyy-MM-dd HH:mm} UTC; kind {info.Slug}, alert {alert.Id}\n");
        text.Append(Link(alert, apiBaseUrl));
        return JsonSerializer.Serialize(new Body(text.ToString()));
    }

    /// <summary>The alert in the API: absolute when the app's public host is known, otherwise the path.</summary>
    public static string Link(Alert alert, string? apiBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var path = $"/api/brands/{alert.BrandId}/alerts/{alert.Id}";
        return string.IsNullOrWhiteSpace(apiBaseUrl) ? path : apiBaseUrl.TrimEnd('/') + path;
    }

    private static string Why(AlertRaiseOutcome? reason) => reason switch
    {
        AlertRaiseOutcome.Reopened => "raised again after it was resolved",
        AlertRaiseOutcome.Worsened => "worse than last notified",
        _ => "new",
    };

    private sealed record Body([property: JsonPropertyName("text")] string Text);
}
