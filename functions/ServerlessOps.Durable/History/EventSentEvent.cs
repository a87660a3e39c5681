namespace ServerlessOps.Durable.History;

/// <summary>The orchestrator sent an event to another instance (<see cref="HistoryEvent.EventId"/> = action sequence number).</summary>
public sealed record EventSentEvent : HistoryEvent
{
    /// <summary>The target instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The event name.</summary>
    public required string Name { get; init; }

    /// <summary>The serialised payload.</summary>
    public string? Input { get; init; }
}
