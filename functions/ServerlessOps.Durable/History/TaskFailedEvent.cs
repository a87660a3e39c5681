using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.History;

/// <summary>An activity threw; the orchestrator sees a <see cref="TaskFailedException"/>.</summary>
public sealed record TaskFailedEvent : HistoryEvent
{
    /// <summary>The <see cref="HistoryEvent.EventId"/> of the matching <see cref="TaskScheduledEvent"/>.</summary>
    public required int TaskScheduledId { get; init; }

    /// <summary>The activity's exception.</summary>
    public required TaskFailureDetails FailureDetails { get; init; }
}
