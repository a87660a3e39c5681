using Microsoft.DurableTask;
using ServerlessOps.Standalone.Tests.Tasks.Events;

namespace ServerlessOps.Standalone.Tests.Tasks.Management;

/// <summary>Waits at the <see cref="Gate"/> keyed by its input, then returns 100 KB (stored as a blob, over the queue message limit).</summary>
public sealed class LargeResultGateActivity : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        await Gate.WaitAsync(input, TimeSpan.FromMinutes(1));
        return new string('r', 100_000);
    }
}
