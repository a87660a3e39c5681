namespace ServerlessOps.Durable.Orchestration;

/// <summary>Options for calling a sub-orchestration.</summary>
/// <param name="Retry">Retry behaviour on failure (each retry starts a new child with a new id unless <paramref name="InstanceId"/> is set).</param>
/// <param name="InstanceId">The child's instance id; null: a deterministic id derived from the parent.</param>
public sealed record SubOrchestrationOptions(TaskRetryOptions? Retry = null, string? InstanceId = null) : TaskOptions(Retry);
