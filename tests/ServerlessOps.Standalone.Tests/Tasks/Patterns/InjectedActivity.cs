using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>An activity with constructor injection: returns the id of its scoped dependency.</summary>
public sealed class InjectedActivity(ScopedProbe probe) : TaskActivity<int, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, int input) => Task.FromResult(probe.Id.ToString("N"));
}
