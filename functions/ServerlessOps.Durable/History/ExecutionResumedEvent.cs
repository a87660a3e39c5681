namespace ServerlessOps.Durable.History;

/// <summary>A client's request to resume a suspended instance: the events held since the suspension are
/// delivered in their recorded order.</summary>
public sealed record ExecutionResumedEvent : HistoryEvent
{
    /// <summary>The serialised reason the client gave.</summary>
    public string? Input { get; init; }
}
