using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Backend;

/// <summary>
/// What one orchestration step decided, for the backend to commit: history to append, the new instance row,
/// and the messages to send. Produced by the runtime; a backend only stores and routes it.
/// </summary>
public sealed class OrchestrationWorkItemResult
{
    /// <summary>Events to append after the work item's history, in order (each step starts with an
    /// OrchestratorStarted event). When <see cref="ReplacesHistory"/> is true this is instead the complete
    /// history of a new execution.</summary>
    public required IReadOnlyList<HistoryEvent> NewHistory { get; init; }

    /// <summary>True after continue-as-new (and after id reuse): the backend deletes the old execution's
    /// history and stores <see cref="NewHistory"/> as the whole history, in the same guarded commit.</summary>
    public bool ReplacesHistory { get; init; }

    /// <summary>The instance row to write (status, payloads, times, failure, current execution id).</summary>
    public required OrchestrationMetadata Instance { get; init; }

    /// <summary>Activity invocations (<see cref="TaskScheduledEvent"/>) for the work-item queue.</summary>
    public IReadOnlyList<TaskMessage> ActivityMessages { get; init; } = [];

    /// <summary>Timers (<see cref="TimerFiredEvent"/>) for this instance's own control queue, each made visible
    /// not before its <see cref="TimerFiredEvent.FireAt"/> (re-armed by the backend when the delay exceeds
    /// what its queue allows).</summary>
    public IReadOnlyList<TaskMessage> TimerMessages { get; init; } = [];

    /// <summary>Messages to other instances (or this one): events, sub-orchestration results and
    /// sub-orchestration starts. An <see cref="ExecutionStartedEvent"/> creates the target instance as
    /// <see cref="IOrchestrationBackend.CreateOrchestrationInstanceAsync"/> with
    /// <see cref="OrchestrationIdReusePolicy.Default"/> would, except that a conflict is not an error: the
    /// message is dropped (the target is already running, typically a redelivered duplicate).</summary>
    public IReadOnlyList<TaskMessage> OrchestratorMessages { get; init; } = [];
}
