namespace ServerlessOps.Durable.History;

/// <summary>Written as the first history event of a new execution created by continue-as-new (right after
/// its <see cref="ExecutionStartedEvent"/> is the input); kept for diagnostics: which execution it replaced.</summary>
public sealed record ContinueAsNewEvent : HistoryEvent
{
    /// <summary>The execution id that continued as new.</summary>
    public required string PreviousExecutionId { get; init; }
}
