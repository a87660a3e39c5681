namespace ServerlessOps.Durable.Orchestration;

/// <summary>
/// Automatic retries of a failed activity or sub-orchestration, with exponential back-off between attempts.
/// The waits are durable timers, so they survive restarts and replay deterministically. The delay before
/// retry n (n = 1 after the first failure) is <c>FirstRetryInterval * BackoffCoefficient^(n-1)</c>, capped at
/// <see cref="MaxRetryInterval"/>. Retrying stops when <see cref="MaxNumberOfAttempts"/> attempts have run,
/// when the next attempt would start after <see cref="RetryTimeout"/> (measured from the first attempt), or
/// when <see cref="HandleFailure"/> returns false; the last <see cref="TaskFailedException"/> is then thrown.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="maxNumberOfAttempts">Total attempts including the first; at least 1.</param>
    /// <param name="firstRetryInterval">Delay before the first retry; positive.</param>
    /// <param name="backoffCoefficient">Multiplier per retry; at least 1 (1 = constant delay).</param>
    /// <param name="maxRetryInterval">Cap on one delay; null for no cap.</param>
    /// <param name="retryTimeout">Cap on the whole retrying, from the first attempt; null for no cap.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval;
        RetryTimeout = retryTimeout;
    }

    /// <summary>Total attempts including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Delay before the first retry.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Multiplier applied to the delay per retry.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Cap on a single delay, or null.</summary>
    public TimeSpan? MaxRetryInterval { get; }

    /// <summary>Cap on the total retry window from the first attempt, or null.</summary>
    public TimeSpan? RetryTimeout { get; }

    /// <summary>Decides per failure whether to retry (default: every failure). Runs inside the orchestrator,
    /// so it must be deterministic; use <see cref="TaskFailureDetails.IsCausedBy{T}"/> to pick exception types.</summary>
    public Func<TaskFailureDetails, bool> HandleFailure { get; init; } = static _ => true;

    /// <summary>The delay before retry number <paramref name="retryNumber"/> (1-based).</summary>
    /// <param name="retryNumber">1 for the first retry.</param>
    /// <returns>The delay, capped at <see cref="MaxRetryInterval"/>.</returns>
    public TimeSpan GetDelay(int retryNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, retryNumber - 1);
        var delay = ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
        return MaxRetryInterval is { } max && delay > max ? max : delay;
    }
}
