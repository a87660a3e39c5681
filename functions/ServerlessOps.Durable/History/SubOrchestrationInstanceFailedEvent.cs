using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.History;

/// <summary>A sub-orchestration failed or was terminated; the parent sees a <see cref="TaskFailedException"/>.</summary>
public sealed record SubOrchestrationInstanceFailedEvent : HistoryEvent
{
    /// <summary>The <see cref="HistoryEvent.EventId"/> of the parent's <see cref="SubOrchestrationInstanceCreatedEvent"/>.</summary>
    public required int TaskScheduledId { get; init; }

    /// <summary>The child's failure.</summary>
    public required TaskFailureDetails FailureDetails { get; init; }
}
