namespace ServerlessOps.Durable.History;

/// <summary>The orchestrator created a durable timer (<see cref="HistoryEvent.EventId"/> = action sequence number).</summary>
public sealed record TimerCreatedEvent : HistoryEvent
{
    /// <summary>When the timer fires, UTC.</summary>
    public required DateTime FireAt { get; init; }
}
