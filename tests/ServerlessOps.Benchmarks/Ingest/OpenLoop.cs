using System.Diagnostics;

namespace ServerlessOps.Benchmarks.Ingest;

/// <summary>
/// Open-loop pacing, shared by the load and the floor measurement: request <c>i</c> is due at <c>i / rate</c>
/// from the start whatever happened to the earlier ones, and its latency counts from then, so a stall shows
/// up in the percentiles instead of silently lowering the rate (no coordinated omission).
/// </summary>
internal static class OpenLoop
{
    /// <summary>Waits until request <paramref name="index"/> is due on <paramref name="clock"/>; returns when it was due.</summary>
    public static async Task<TimeSpan> WaitForTurnAsync(Stopwatch clock, int index, int rate, CancellationToken cancellationToken)
    {
        var due = TimeSpan.FromSeconds((double)index / rate);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait, cancellationToken);
        }

        return due;
    }
}
