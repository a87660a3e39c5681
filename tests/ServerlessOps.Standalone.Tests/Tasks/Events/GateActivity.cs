using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Events;

/// <summary>Returns once the test opens the instance's <see cref="Gate"/> (or fails after a minute, so a broken test cannot hang the engine).</summary>
public sealed class GateActivity : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        await Gate.WaitAsync(input, TimeSpan.FromMinutes(1));
        return true;
    }
}
