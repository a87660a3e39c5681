using Microsoft.DurableTask;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>The orchestrations of Durable Functions' published performance scenarios (sequence, fan-out/fan-in, events).</summary>
internal static class BenchmarkTasks
{
    public const string Sequence = "BenchSequence";
    public const string FanOut = "BenchFanOut";
    public const string Events = "BenchEvents";
    public const string Echo = "BenchEcho";
    public const string Stamp = "BenchStamp";

    /// <summary>When the fan-out's activities ran (they run in this process).</summary>
    public static ActivityTimeline Timeline { get; } = new();

    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<int, int>(Sequence, async (context, n) =>
        {
            var value = 0;
            for (var i = 0; i < n; i++)
            {
                value = await context.CallActivityAsync<int>(Echo, value + 1);
            }

            return value;
        })
        .AddOrchestratorFunc<int, int>(FanOut, async (context, n) =>
            (await Task.WhenAll(Enumerable.Range(0, n).Select(i => context.CallActivityAsync<int>(Stamp, i)))).Length)
        .AddOrchestratorFunc<int, int>(Events, async (context, n) =>
        {
            var sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += await context.WaitForExternalEvent<int>("Tick");
            }

            return sum;
        })
        .AddActivityFunc<int, int>(Echo, (_, value) => value)
        .AddActivityFunc<int, int>(Stamp, (_, value) =>
        {
            Timeline.Ran();
            return value;
        });
}
