namespace ServerlessOps.Durable.History;

/// <summary>Identifies an orchestration instance and, optionally, one execution of it.</summary>
/// <param name="InstanceId">The instance id, unique within the task hub.</param>
/// <param name="ExecutionId">The execution id (a new one per start and per continue-as-new), or
/// <see langword="null"/> when a message targets whichever execution is current (raised events, terminate).</param>
public sealed record OrchestrationInstance(string InstanceId, string? ExecutionId = null);
