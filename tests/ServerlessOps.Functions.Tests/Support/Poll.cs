using System.Diagnostics;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>
/// Waits for a condition by asking again until it holds or a deadline passes: never a guessed sleep. The
/// failure message says what was awaited and what was last seen, so a timeout explains itself.
/// </summary>
public static class Poll
{
    /// <summary>Default patience for one asynchronous outcome (queue processing, replay, recovery).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(45);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Calls <paramref name="probe"/> until it returns non-null; returns that value.</summary>
    public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T?>> probe, string awaited, TimeSpan? timeout = null, Func<string>? lastSeen = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var limit = timeout ?? DefaultTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(limit);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await probe(deadline.Token) is { } value)
                {
                    return value;
                }

                await Task.Delay(Interval, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {clock.Elapsed.TotalSeconds:0.0} s for {awaited}; last seen: {lastSeen?.Invoke() ?? "(nothing)"}.");
            }
        }
    }
}
