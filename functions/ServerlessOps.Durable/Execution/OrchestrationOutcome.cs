using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.Execution;

/// <summary>How an execution ended in this step: Completed (output), Failed (details) or ContinuedAsNew
/// (new input and the unconsumed events to carry over).</summary>
internal sealed record OrchestrationOutcome(
    OrchestrationRuntimeStatus Status,
    string? Output = null,
    TaskFailureDetails? FailureDetails = null,
    IReadOnlyList<EventRaisedEvent>? CarryOverEvents = null);
