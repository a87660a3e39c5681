using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// The pipeline of a notification post, outermost first: a total timeout (<see cref="AlertOptions.TotalTimeoutSeconds"/>),
/// retries of 408, 429, 5xx and connection failures with exponential back-off and jitter, honouring Retry-After (Slack
/// answers 429 with one), and a per-attempt timeout. A post is not idempotent on the chat side: a retry after a
/// timeout can show the message twice, which beats never showing it.
/// </summary>
internal static class AlertWebhookResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, AlertOptions options, ILogger logger)
    {
        builder.AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds));
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                MaxDelay = TimeSpan.FromSeconds(Math.Max(1, options.TotalTimeoutSeconds / 2)),
                ShouldRetryAfterHeader = true,
                OnRetry = args =>
                {
                    var outcome = args.Outcome.Result is { } response
                        ? $"{(int)response.StatusCode} {response.StatusCode}"
                        : args.Outcome.Exception?.GetType().Name ?? "unknown";
                    logger.WebhookRetrying(outcome, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
    }
}
