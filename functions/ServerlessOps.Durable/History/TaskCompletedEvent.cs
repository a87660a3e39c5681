namespace ServerlessOps.Durable.History;

/// <summary>An activity returned.</summary>
public sealed record TaskCompletedEvent : HistoryEvent
{
    /// <summary>The <see cref="HistoryEvent.EventId"/> of the matching <see cref="TaskScheduledEvent"/>.</summary>
    public required int TaskScheduledId { get; init; }

    /// <summary>The serialised result.</summary>
    public string? Result { get; init; }
}
