using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.MultiHost;

/// <summary>Works for the given milliseconds, then returns the id of the process it ran in.</summary>
public sealed class WhoAmIActivity : TaskActivity<int, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        if (input > 0)
        {
            await Task.Delay(input);
        }

        return Environment.ProcessId;
    }
}
