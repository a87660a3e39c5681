using System.Text.Json.Serialization;

namespace ServerlessOps.Durable.History;

/// <summary>
/// One entry of an orchestration's history, or the payload of a <see cref="Backend.TaskMessage"/>.
/// Serialised with System.Text.Json (<see cref="HistoryJson.Options"/>) as an object whose
/// <c>eventType</c> discriminator names the concrete type (the table in History/README.md).
/// Events are immutable; a history is append-only within one execution.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "eventType", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ExecutionStartedEvent), "ExecutionStarted")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "ExecutionCompleted")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "ExecutionTerminated")]
[JsonDerivedType(typeof(ExecutionSuspendedEvent), "ExecutionSuspended")]
[JsonDerivedType(typeof(ExecutionResumedEvent), "ExecutionResumed")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "OrchestratorStarted")]
[JsonDerivedType(typeof(OrchestratorCompletedEvent), "OrchestratorCompleted")]
[JsonDerivedType(typeof(TaskScheduledEvent), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "TaskFailed")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCreatedEvent), "SubOrchestrationInstanceCreated")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCompletedEvent), "SubOrchestrationInstanceCompleted")]
[JsonDerivedType(typeof(SubOrchestrationInstanceFailedEvent), "SubOrchestrationInstanceFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "TimerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "TimerFired")]
[JsonDerivedType(typeof(EventRaisedEvent), "EventRaised")]
[JsonDerivedType(typeof(EventSentEvent), "EventSent")]
[JsonDerivedType(typeof(ContinueAsNewEvent), "ContinueAsNew")]
public abstract record HistoryEvent
{
    /// <summary>
    /// For events that record an action the orchestrator took (TaskScheduled, TimerCreated,
    /// SubOrchestrationInstanceCreated, EventSent) the action's sequence number within the execution
    /// (0, 1, 2, ... in the order the code asked for them); replay matches actions to history by it.
    /// -1 for every other event.
    /// </summary>
    public int EventId { get; init; } = -1;

    /// <summary>When the event was created, UTC.</summary>
    public required DateTime Timestamp { get; init; }
}
