using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Calls <see cref="ParentReportingChildOrchestrator"/> and returns what the child saw as its parent.</summary>
public sealed class ParentOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallSubOrchestratorAsync<string>(nameof(ParentReportingChildOrchestrator), input);
}
