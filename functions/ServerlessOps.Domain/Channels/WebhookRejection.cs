namespace ServerlessOps.Domain.Channels;

/// <summary>Why a webhook cannot be accepted, as the HTTP edge will answer it.</summary>
public enum RejectionKind
{
    /// <summary>400: the body or a header is not what the channel documents (malformed JSON, missing field).</summary>
    Malformed,

    /// <summary>401: signature or credential missing or wrong.</summary>
    Unauthenticated,

    /// <summary>403: the account is not registered to any brand.</summary>
    UnknownAccount,

    /// <summary>422: well-formed and authentic, but a topic or event type we do not handle.</summary>
    UnsupportedTopic,
}

/// <summary>A rejection with a detail that says exactly what is wrong and where (never echoing secrets).</summary>
/// <param name="Topic">The delivery's topic when it could be read (an unsupported topic names it), so what is kept in
/// quarantine is labelled with it; null when the delivery is unreadable.</param>
public sealed record WebhookRejection(RejectionKind Kind, string Detail, string? Topic = null)
{
    /// <summary>Longest topic label kept: topics are channel-controlled text, and a label is not a payload.</summary>
    public const int MaxTopicLength = 100;

    /// <summary>The topic as a label: trimmed and cut to <see cref="MaxTopicLength"/>; null when blank.</summary>
    public static string? TopicLabel(string? topic)
    {
        var trimmed = topic?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length <= MaxTopicLength ? trimmed : trimmed[..MaxTopicLength];
    }
}
