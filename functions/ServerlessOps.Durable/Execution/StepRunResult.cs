using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;

namespace ServerlessOps.Durable.Execution;

/// <summary>The commit one step produced, with the facts the worker logs and measures.</summary>
/// <param name="Commit">What to hand to <see cref="IOrchestrationBackend.CompleteOrchestrationWorkItemAsync"/>.</param>
/// <param name="OrchestratorName">The orchestrator that ran.</param>
/// <param name="Status">The instance status after the step.</param>
/// <param name="NewActionCount">How many new actions the step scheduled.</param>
internal sealed record StepRunResult(OrchestrationWorkItemResult Commit, string OrchestratorName, OrchestrationRuntimeStatus Status, int NewActionCount);
