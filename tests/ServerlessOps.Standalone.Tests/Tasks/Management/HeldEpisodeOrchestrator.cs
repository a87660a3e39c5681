using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Management;

/// <summary>
/// Waits for "Go", then blocks inside that second episode at <see cref="EpisodeGate"/> (its history already exists, so
/// a purge meanwhile makes the episode's commit fail), then waits for an event that never comes.
/// </summary>
public sealed class HeldEpisodeOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.WaitForExternalEvent<string>("Go");
        if (!context.IsReplaying)
        {
            EpisodeGate.Hold(context.InstanceId);
        }

        return await context.WaitForExternalEvent<string>("Never");
    }
}
