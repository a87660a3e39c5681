using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>A sub-orchestration that throws <see cref="InvalidOperationException"/> naming its input.</summary>
public sealed class FailingChildOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        throw new InvalidOperationException($"child {input} broke");
}
