namespace ServerlessOps.Durable.History;

/// <summary>A client's request to terminate; once in history the execution is over (status Terminated).</summary>
public sealed record ExecutionTerminatedEvent : HistoryEvent
{
    /// <summary>The serialised reason the client gave; becomes the instance output.</summary>
    public string? Input { get; init; }
}
