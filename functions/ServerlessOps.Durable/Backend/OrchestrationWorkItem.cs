using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Backend;

/// <summary>
/// One orchestration step to run: the instance's committed history and the new messages for it. While a
/// worker holds it, the same backend process does not hand out another work item for this instance; other
/// processes may, which is why <see cref="IOrchestrationBackend.CompleteOrchestrationWorkItemAsync"/> is ETag-guarded.
/// </summary>
public sealed class OrchestrationWorkItem : WorkItem
{
    /// <summary>The instance this step belongs to.</summary>
    public required string InstanceId { get; init; }

    /// <summary>New messages, in arrival order, never one already consumed by a committed step. May hold
    /// messages of an older execution (the runtime drops them).</summary>
    public required IReadOnlyList<TaskMessage> NewMessages { get; init; }

    /// <summary>The committed history of the current execution in sequence order; empty for an instance
    /// that has not run a step yet.</summary>
    public required IReadOnlyList<HistoryEvent> History { get; init; }

    /// <summary>The instance row as last committed, or null when there is none yet (a sub-orchestration
    /// whose row the backend has not created).</summary>
    public OrchestrationMetadata? Instance { get; init; }

    /// <summary>The concurrency token read together with <see cref="History"/>; null when nothing was committed.</summary>
    public string? ETag { get; init; }

    /// <summary>A shallow description for logs.</summary>
    /// <returns>Instance id and message count.</returns>
    public override string ToString() => $"{InstanceId} ({NewMessages.Count} message(s))";
}
