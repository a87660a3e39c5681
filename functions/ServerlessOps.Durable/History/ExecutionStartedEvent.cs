namespace ServerlessOps.Durable.History;

/// <summary>First event of every execution: which orchestrator runs, with what input. As a message it
/// starts (or, through an id-reuse policy, restarts) the instance.</summary>
public sealed record ExecutionStartedEvent : HistoryEvent
{
    /// <summary>The orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>Orchestrator version; informational.</summary>
    public string? Version { get; init; }

    /// <summary>The instance and the new execution id (never null here).</summary>
    public required OrchestrationInstance OrchestrationInstance { get; init; }

    /// <summary>The serialised input.</summary>
    public string? Input { get; init; }

    /// <summary>Set when this is a sub-orchestration: where to report completion.</summary>
    public ParentInstanceInfo? ParentInstance { get; init; }

    /// <summary>A delayed start: the message is not delivered before this time, UTC.</summary>
    public DateTime? ScheduledStartTime { get; init; }
}
