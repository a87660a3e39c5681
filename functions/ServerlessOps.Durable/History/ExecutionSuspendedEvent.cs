namespace ServerlessOps.Durable.History;

/// <summary>A client's request to suspend: later events are recorded but not delivered to the orchestrator
/// until an <see cref="ExecutionResumedEvent"/> follows (status Suspended meanwhile).</summary>
public sealed record ExecutionSuspendedEvent : HistoryEvent
{
    /// <summary>The serialised reason the client gave.</summary>
    public string? Input { get; init; }
}
