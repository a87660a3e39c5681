namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>Why a notification post failed, after its retries.</summary>
/// <param name="Error">What went wrong: a status or the kind of failure, never the URL (it holds a secret).</param>
/// <param name="Status">The HTTP status the chat endpoint answered; null when it did not answer.</param>
public sealed record AlertWebhookFailure(string Error, int? Status)
{
    /// <summary>
    /// The endpoint refused the post in a way retrying cannot fix: a 4xx other than 408 and 429 (Slack answers 404
    /// or 410 for a deleted incoming webhook, 403 for a revoked one; Teams 400 or 404 for a removed connector).
    /// </summary>
    public bool Refused => Status is >= 400 and < 500 and not 408 and not 429;
}
