namespace ServerlessOps.Durable.History;

/// <summary>The orchestrator started a sub-orchestration (<see cref="HistoryEvent.EventId"/> = action sequence number).</summary>
public sealed record SubOrchestrationInstanceCreatedEvent : HistoryEvent
{
    /// <summary>The sub-orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>The sub-orchestration's instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The serialised input.</summary>
    public string? Input { get; init; }
}
