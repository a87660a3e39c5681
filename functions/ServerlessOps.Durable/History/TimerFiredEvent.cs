namespace ServerlessOps.Durable.History;

/// <summary>A durable timer fired. As a message it is delivered to the instance not before <see cref="FireAt"/>.</summary>
public sealed record TimerFiredEvent : HistoryEvent
{
    /// <summary>The <see cref="HistoryEvent.EventId"/> of the matching <see cref="TimerCreatedEvent"/>.</summary>
    public required int TimerId { get; init; }

    /// <summary>When the timer was due, UTC.</summary>
    public required DateTime FireAt { get; init; }
}
