using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Patterns;

/// <summary>Calls <see cref="DoubleActivity"/> for 1..n one after another; each call starts only after the previous result.</summary>
public sealed class SequenceOrchestrator : TaskOrchestrator<int, List<int>>
{
    public override async Task<List<int>> RunAsync(TaskOrchestrationContext context, int input)
    {
        var results = new List<int>();
        for (var i = 1; i <= input; i++)
        {
            results.Add(await context.CallActivityAsync<int>(nameof(DoubleActivity), i));
        }

        return results;
    }
}
