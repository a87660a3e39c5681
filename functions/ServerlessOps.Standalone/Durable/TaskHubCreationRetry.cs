using Azure;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// Retries creating the task hub's queues, tables and containers when storage answers with a transient failure
/// (408, 429, 5xx), as storage may while it is throttling or failing over; creation is idempotent and the engine does
/// not cache a failed attempt, so trying again is always safe. A failure that outlasts the attempts still stops the
/// host, with the storage error as its cause.
/// </summary>
internal static class TaskHubCreationRetry
{
    /// <summary>Eight retries, exponential from <paramref name="firstDelay"/> with jitter, each wait at most five seconds (about 20 s in all by default).</summary>
    public static ResiliencePipeline Create(ILogger logger, TimeSpan? firstDelay = null) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 8,
            BackoffType = DelayBackoffType.Exponential,
            Delay = firstDelay ?? TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(5),
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            OnRetry = retry =>
            {
                logger.TaskHubCreationRetried(retry.AttemptNumber + 1, retry.RetryDelay, retry.Outcome.Exception?.Message ?? string.Empty);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    /// <summary>True when the exception, or one it wraps, is a storage answer worth another try (408, 429, 5xx).</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is RequestFailedException { Status: 408 or 429 or >= 500 })
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
            {
                return true;
            }
        }

        return false;
    }
}
