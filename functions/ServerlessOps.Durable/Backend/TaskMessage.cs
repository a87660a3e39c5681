using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Backend;

/// <summary>
/// What a backend moves between queues: one history event addressed to one orchestration instance
/// (for activity invocations: the instance that scheduled it).
/// </summary>
public sealed record TaskMessage
{
    /// <summary>
    /// Unique id of the message, the key of exactly-once processing: a backend never appends the event of a
    /// message whose id an earlier committed step of the same instance already consumed. The runtime makes
    /// ids of outbound messages deterministic (<c>{executionId}:{sequence}:{kind}</c>), so a step that is
    /// replayed after a crash or a concurrency conflict re-sends the same ids, not new ones.
    /// </summary>
    public required string MessageId { get; init; }

    /// <summary>The target instance (execution id null: the current execution).</summary>
    public required OrchestrationInstance Instance { get; init; }

    /// <summary>The event to deliver.</summary>
    public required HistoryEvent Event { get; init; }
}
