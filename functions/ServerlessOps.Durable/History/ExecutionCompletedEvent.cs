using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.History;

/// <summary>Last event of an execution that ended by returning, throwing or continuing as new.</summary>
public sealed record ExecutionCompletedEvent : HistoryEvent
{
    /// <summary>Completed, Failed or ContinuedAsNew.</summary>
    public required OrchestrationRuntimeStatus OrchestrationStatus { get; init; }

    /// <summary>The serialised output (Completed), or the new input (ContinuedAsNew).</summary>
    public string? Result { get; init; }

    /// <summary>Why it failed (Failed only).</summary>
    public TaskFailureDetails? FailureDetails { get; init; }
}
