namespace ServerlessOps.Durable.History;

/// <summary>A sub-orchestration completed; sent by the child to the parent.</summary>
public sealed record SubOrchestrationInstanceCompletedEvent : HistoryEvent
{
    /// <summary>The <see cref="HistoryEvent.EventId"/> of the parent's <see cref="SubOrchestrationInstanceCreatedEvent"/>.</summary>
    public required int TaskScheduledId { get; init; }

    /// <summary>The serialised output.</summary>
    public string? Result { get; init; }
}
