using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Runs <see cref="InjectedActivity"/> n times and returns the scoped dependency ids they saw.</summary>
public sealed class InjectionOrchestrator : TaskOrchestrator<int, List<string>>
{
    public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, int input)
    {
        var ids = new List<string>();
        for (var i = 0; i < input; i++)
        {
            ids.Add(await context.CallActivityAsync<string>(nameof(InjectedActivity), i));
        }

        return ids;
    }
}
