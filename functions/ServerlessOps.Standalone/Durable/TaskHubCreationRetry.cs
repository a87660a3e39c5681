using Azure;
using Polly;
using Polly.Retry;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// Retries creating the task hub's queues, tables and containers when storage answers with a transient failure.
/// Azurite has been seen answering 500 while two hosts create the same hub at once under load (a restart drill, a
/// second instance in a test); creation is idempotent, so trying again a few times is always safe. A failure that
/// persists past the attempts still stops the host, with the storage error as its cause.
/// </summary>
internal static class TaskHubCreationRetry
{
    /// <summary>Five tries over about three seconds, with jitter so two hosts do not retry in step.</summary>
    public static ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(200),
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
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
