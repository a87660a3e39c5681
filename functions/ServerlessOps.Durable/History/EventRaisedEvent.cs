namespace ServerlessOps.Durable.History;

/// <summary>An external event arrived (from a client or another orchestration). Kept in history even when
/// no code waits for it yet: a later <c>WaitForExternalEvent</c> with the same name (case-insensitive)
/// receives it.</summary>
public sealed record EventRaisedEvent : HistoryEvent
{
    /// <summary>The event name.</summary>
    public required string Name { get; init; }

    /// <summary>The serialised payload.</summary>
    public string? Input { get; init; }
}
