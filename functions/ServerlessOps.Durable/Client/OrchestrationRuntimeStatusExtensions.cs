namespace ServerlessOps.Durable.Client;

/// <summary>Classifies <see cref="OrchestrationRuntimeStatus"/> values.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>The statuses from which an instance never moves again (unless its id is reused by a new start).</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> TerminalStatuses { get; } =
    [
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Canceled,
        OrchestrationRuntimeStatus.Terminated,
    ];

    /// <summary>True for Completed, Failed, Canceled and Terminated.</summary>
    /// <param name="status">The status to classify.</param>
    /// <returns>Whether the status is terminal.</returns>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Canceled or OrchestrationRuntimeStatus.Terminated;
}
