namespace ServerlessOps.Durable.Client;

/// <summary>Options for scheduling a new instance.</summary>
/// <param name="InstanceId">The instance id; null: a new random id (GUID, 32 hex digits).</param>
/// <param name="StartAt">A delayed start: the instance stays Pending and its first step does not run before this time.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>What to do when an instance with <see cref="InstanceId"/> is Pending, Running or Suspended.
    /// Default <see cref="AlreadyRunningBehavior.Throw"/>. A finished instance with that id is always replaced
    /// by a new execution (Durable Functions' rule). Never creates a duplicate.</summary>
    public AlreadyRunningBehavior IfAlreadyRunning { get; init; } = AlreadyRunningBehavior.Throw;
}
