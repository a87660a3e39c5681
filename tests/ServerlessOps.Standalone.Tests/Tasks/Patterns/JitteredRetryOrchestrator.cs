using Microsoft.DurableTask;
using ServerlessOps.Workflows;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Calls <see cref="FailsOnceActivity"/> with the workflows' own retry (<see cref="ActivityRetry"/>).</summary>
public sealed class JitteredRetryOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<string>(nameof(FailsOnceActivity), input, ActivityRetry.Options);
}
