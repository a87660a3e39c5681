using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Depends on a service missing from DI, so it cannot be created.</summary>
public sealed class MisconfiguredActivity(UnregisteredDependency dependency) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(dependency.ToString()!);
}
