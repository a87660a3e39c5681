using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Management;

/// <summary>Reports "waiting" as its custom status, waits for a "Signal" event, and returns "{input}:{signal}".</summary>
public sealed class SignalOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        context.SetCustomStatus("waiting");
        var signal = await context.WaitForExternalEvent<string>("Signal");
        return $"{input}:{signal}";
    }
}
