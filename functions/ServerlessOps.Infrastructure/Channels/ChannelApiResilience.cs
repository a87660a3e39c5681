using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// The pipeline every outbound channel call runs through, outermost first: a total timeout, retries, the account's
/// circuit breaker (<see cref="ChannelCircuitBreaker"/>), a per-attempt timeout. Retried: 408, 429, 5xx, connection failures and attempt timeouts (Polly's
/// <see cref="HttpClientResiliencePredicates.IsTransient(Outcome{HttpResponseMessage})"/>); nothing else, so a 400 or
/// 401 comes straight back, and so does a call refused by an open circuit (a <c>BrokenCircuitException</c> is not transient). Back-off is exponential with jitter; a <c>Retry-After</c> answer (seconds or an
/// HTTP date) replaces the computed delay. TikTok and Shopify document back-off on 429; Amazon documents 429
/// without Retry-After (CHANNELS.md 1.9, 2.9, 3.7, 4.7).
/// </summary>
internal static class ChannelApiResilience
{
    /// <param name="circuit">The pipeline's instance key, one per channel account (<see cref="ChannelCircuitBreaker.KeyOf"/>).</param>
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder, ChannelEndpointOptions options, ChannelCircuitBreakerOptions breaker, SalesChannel channel, string circuit, ILogger logger)
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
                MaxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds),
                ShouldRetryAfterHeader = true,
                OnRetry = args =>
                {
                    var path = args.Outcome.Result?.RequestMessage?.RequestUri?.AbsolutePath ?? "(request)";
                    var outcome = args.Outcome.Result is { } response
                        ? $"{(int)response.StatusCode} {response.StatusCode}"
                        : args.Outcome.Exception?.GetType().Name ?? "unknown";
                    logger.Retrying(channel, path, outcome, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        ChannelCircuitBreaker.Add(builder, breaker, channel, circuit, logger);
        builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
    }
}
