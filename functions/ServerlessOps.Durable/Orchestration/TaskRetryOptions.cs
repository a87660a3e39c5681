namespace ServerlessOps.Durable.Orchestration;

/// <summary>How a task is retried (durabletask-dotnet's shape: a wrapper so other retry forms can be added).</summary>
/// <param name="Policy">The declarative retry policy.</param>
public sealed record TaskRetryOptions(RetryPolicy Policy)
{
    /// <summary>Wraps a policy.</summary>
    /// <param name="policy">The policy.</param>
    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);

    /// <summary>Wraps a policy (named alternative to the implicit conversion).</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The options.</returns>
    public static TaskRetryOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}
