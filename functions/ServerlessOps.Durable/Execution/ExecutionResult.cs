namespace ServerlessOps.Durable.Execution;

/// <summary>What replaying one execution over (past history, new events) produced.</summary>
/// <param name="RecordedNewEvents">The new events to append to history, in order (duplicates and strays left out).</param>
/// <param name="NewActions">Actions the code asked for that history does not have yet, in sequence order.</param>
/// <param name="Outcome">How the execution ended in this step, or null while it keeps running.</param>
/// <param name="CustomStatus">The custom status after this step.</param>
/// <param name="IsSuspended">Whether the execution is suspended at the end of the step.</param>
internal sealed record ExecutionResult(
    IReadOnlyList<History.HistoryEvent> RecordedNewEvents,
    IReadOnlyList<OrchestratorAction> NewActions,
    OrchestrationOutcome? Outcome,
    string? CustomStatus,
    bool IsSuspended);
