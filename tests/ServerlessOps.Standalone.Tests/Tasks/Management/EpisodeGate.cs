using System.Collections.Concurrent;

namespace ServerlessOps.Standalone.Tests.Tasks.Management;

/// <summary>
/// Holds an orchestration's first episode in the middle of its execution until the test releases it, so the test can
/// act (purge) while the episode is provably running. Test-only: real orchestrators never block.
/// </summary>
public static class EpisodeGate
{
    private static readonly ConcurrentDictionary<string, (TaskCompletionSource Entered, TaskCompletionSource Released)> Gates = new();

    /// <summary>Signals that the episode is running, then blocks (at most a minute) until <see cref="Release"/>.</summary>
    public static void Hold(string instanceId)
    {
        var gate = For(instanceId);
        gate.Entered.TrySetResult();
        gate.Released.Task.Wait(TimeSpan.FromMinutes(1));
    }

    public static Task EnteredAsync(string instanceId) => For(instanceId).Entered.Task;

    public static void Release(string instanceId) => For(instanceId).Released.TrySetResult();

    private static (TaskCompletionSource Entered, TaskCompletionSource Released) For(string instanceId) =>
        Gates.GetOrAdd(instanceId, _ => (
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
}
