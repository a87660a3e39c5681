using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>An activity whose result cannot be serialized.</summary>
public sealed class UnserializableOutputActivity : TaskActivity<string, CyclicValue>
{
    public override Task<CyclicValue> RunAsync(TaskActivityContext context, string input) => Task.FromResult(new CyclicValue());
}
