namespace ServerlessOps.Durable.History;

/// <summary>The orchestrator called an activity (<see cref="HistoryEvent.EventId"/> = action sequence
/// number). As a message on the work-item queue it is the activity invocation.</summary>
public sealed record TaskScheduledEvent : HistoryEvent
{
    /// <summary>The activity name.</summary>
    public required string Name { get; init; }

    /// <summary>Activity version; informational.</summary>
    public string? Version { get; init; }

    /// <summary>The serialised input.</summary>
    public string? Input { get; init; }
}
