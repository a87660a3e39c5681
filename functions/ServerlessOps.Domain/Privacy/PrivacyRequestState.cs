namespace ServerlessOps.Domain.Privacy;

/// <summary>Where a privacy request is.</summary>
public enum PrivacyRequestState
{
    /// <summary>Recorded; the erasure or export has not finished (a retry finishes it).</summary>
    Received,

    /// <summary>Acted on: <see cref="PrivacyRequest.CompletedAt"/> says when, the counts what.</summary>
    Completed,
}
