using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Calls <see cref="FailingChildOrchestrator"/> without catching, so the child's failure fails this instance too.</summary>
public sealed class UncaughtParentOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallSubOrchestratorAsync<string>(nameof(FailingChildOrchestrator), input);
}
