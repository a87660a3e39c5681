namespace ServerlessOps.Durable.Execution;

/// <summary>
/// Something the orchestrator code asked for, numbered by <see cref="Id"/> in the order it asked. Replay
/// matches each action against the history event with the same sequence number; unmatched actions are new
/// and become history events plus outbound messages.
/// </summary>
/// <param name="Id">The action sequence number within the execution.</param>
internal abstract record OrchestratorAction(int Id)
{
    /// <summary>How the action reads in a non-determinism message, e.g. <c>ScheduleTask 'ReserveStock'</c>.</summary>
    public abstract string Describe();
}

/// <summary>Call an activity.</summary>
internal sealed record ScheduleTaskAction(int Id, string Name, string? Input) : OrchestratorAction(Id)
{
    public override string Describe() => $"ScheduleTask '{Name}'";
}

/// <summary>Create a durable timer.</summary>
internal sealed record CreateTimerAction(int Id, DateTime FireAt) : OrchestratorAction(Id)
{
    public override string Describe() => $"CreateTimer (fire at {FireAt:O})";
}

/// <summary>Start a sub-orchestration.</summary>
internal sealed record CreateSubOrchestrationAction(int Id, string Name, string InstanceId, string? Input) : OrchestratorAction(Id)
{
    public override string Describe() => $"CreateSubOrchestration '{Name}'";
}

/// <summary>Send an event to another instance.</summary>
internal sealed record SendEventAction(int Id, string InstanceId, string Name, string? Input) : OrchestratorAction(Id)
{
    public override string Describe() => $"SendEvent '{Name}' to '{InstanceId}'";
}
