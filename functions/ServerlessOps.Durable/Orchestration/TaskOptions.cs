namespace ServerlessOps.Durable.Orchestration;

/// <summary>Options for calling an activity or sub-orchestration.</summary>
/// <param name="Retry">Retry behaviour on failure; null: no retry (the first failure throws).</param>
public record TaskOptions(TaskRetryOptions? Retry = null)
{
    /// <summary>Options that retry with <paramref name="policy"/>.</summary>
    /// <param name="policy">The retry policy.</param>
    /// <returns>The options.</returns>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));
}
