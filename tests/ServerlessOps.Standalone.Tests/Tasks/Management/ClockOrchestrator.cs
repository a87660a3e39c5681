using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Management;

/// <summary>Returns the orchestration time of its first episode.</summary>
public sealed class ClockOrchestrator : TaskOrchestrator<string, DateTime>
{
    public override Task<DateTime> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(context.CurrentUtcDateTime);
}
