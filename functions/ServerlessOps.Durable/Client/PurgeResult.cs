namespace ServerlessOps.Durable.Client;

/// <summary>The outcome of a purge.</summary>
/// <param name="PurgedInstanceCount">Instances whose row, history and payloads were deleted (0 when none matched).</param>
public sealed record PurgeResult(int PurgedInstanceCount);
