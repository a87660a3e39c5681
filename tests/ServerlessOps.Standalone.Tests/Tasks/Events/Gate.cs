using System.Collections.Concurrent;

namespace ServerlessOps.Standalone.Tests.Tasks.Events;

/// <summary>
/// Per-key gates: an activity waits at one until the test opens it, and the test can wait until the activity is
/// there, so "while the activity runs" is a state the test reaches, not a guess.
/// </summary>
public static class Gate
{
    private static readonly ConcurrentDictionary<string, (TaskCompletionSource Entered, TaskCompletionSource Opened)> Gates = new();

    public static async Task WaitAsync(string key, TimeSpan within)
    {
        var gate = For(key);
        gate.Entered.TrySetResult();
        await gate.Opened.Task.WaitAsync(within);
    }

    public static Task EnteredAsync(string key) => For(key).Entered.Task;

    public static void Open(string key) => For(key).Opened.TrySetResult();

    private static (TaskCompletionSource Entered, TaskCompletionSource Opened) For(string key) =>
        Gates.GetOrAdd(key, _ => (
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
}
