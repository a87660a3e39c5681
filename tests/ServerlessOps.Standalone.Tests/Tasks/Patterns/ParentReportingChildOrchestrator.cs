using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>A sub-orchestration that returns what its context says about its parent: "{name}/{instance id}".</summary>
public sealed class ParentReportingChildOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        Task.FromResult(context.Parent is { } parent ? $"{parent.Name.Name}/{parent.InstanceId}" : "no parent");
}
