using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Returns an output that cannot be serialized.</summary>
public sealed class UnserializableOutputOrchestrator : TaskOrchestrator<string, CyclicValue>
{
    public override Task<CyclicValue> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(new CyclicValue());
}
