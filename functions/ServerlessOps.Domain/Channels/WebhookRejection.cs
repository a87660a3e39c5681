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
public sealed record WebhookRejection(RejectionKind Kind, string Detail);
