using Microsoft.DurableTask.Client;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>
/// Runs the published scenarios on one engine. Durations come from the engine's own instance timestamps (created,
/// last updated), so how often the benchmark polls for completion does not enter the figures.
/// </summary>
internal sealed class ScenarioRunner(BenchmarkEngine engine, CancellationToken cancellationToken)
{
    /// <summary>The scenario running now, for the message when a step misses its deadline.</summary>
    public string Current { get; private set; } = "warm-up";

    private const int ChainLength = 50;
    private const int Chains = 10;
    private const int ChainsLength = 30;
    private const int FanOutWidth = 500;
    private const int EventCount = 500;

    public async Task<ScenarioFigures> RunAsync()
    {
        await CompleteAsync(await engine.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Sequence, 5, cancellationToken));

        Current = "sequential, one instance";
        var alone = await CompleteAsync(await engine.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Sequence, ChainLength, cancellationToken));
        var sequentialAlone = ChainLength / Seconds(alone.CreatedAt, alone.LastUpdatedAt);

        Current = "sequential, ten instances";
        var before = engine.Counter.Total;
        var ids = await Task.WhenAll(Enumerable.Range(0, Chains).Select(_ =>
            engine.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Sequence, ChainsLength, cancellationToken)));
        var chains = await Task.WhenAll(ids.Select(CompleteAsync));
        var sequentialMany = Chains * ChainsLength / Seconds(chains.Min(c => c.CreatedAt), chains.Max(c => c.LastUpdatedAt));
        var sequentialRequests = (double)(engine.Counter.Total - before) / (Chains * ChainsLength);

        Current = "fan-out/fan-in";
        BenchmarkTasks.Timeline.Reset();
        before = engine.Counter.Total;
        var fan = await CompleteAsync(await engine.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.FanOut, FanOutWidth, cancellationToken));
        var fanOut = FanOutWidth / Seconds(fan.CreatedAt, BenchmarkTasks.Timeline.Last);
        Console.WriteLine($"  fan-out: first activity {Seconds(fan.CreatedAt, BenchmarkTasks.Timeline.First):F2} s after scheduling, last {Seconds(BenchmarkTasks.Timeline.First, BenchmarkTasks.Timeline.Last):F2} s after the first, instance done {Seconds(BenchmarkTasks.Timeline.Last, fan.LastUpdatedAt):F2} s after the last");
        var fanIn = FanOutWidth / Seconds(BenchmarkTasks.Timeline.First, fan.LastUpdatedAt);
        var fanRequests = (double)(engine.Counter.Total - before) / FanOutWidth;

        Current = "external events";
        var events = await engine.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Events, EventCount, cancellationToken);
        await engine.Observer.WaitForInstanceStartAsync(events, cancellationToken);
        before = engine.Counter.Total;
        var raising = DateTimeOffset.UtcNow;
        using (var parallel = new SemaphoreSlim(16))
        {
            await Task.WhenAll(Enumerable.Range(0, EventCount).Select(async _ =>
            {
                await parallel.WaitAsync(cancellationToken);
                try
                {
                    await engine.Client.RaiseEventAsync(events, "Tick", 1, cancellationToken);
                }
                finally
                {
                    parallel.Release();
                }
            }));
        }

        var eventsDone = await CompleteAsync(events);
        var eventRate = EventCount / Seconds(raising, eventsDone.LastUpdatedAt);
        var eventRequests = (double)(engine.Counter.Total - before) / EventCount;

        return new ScenarioFigures(sequentialAlone, sequentialMany, sequentialRequests, fanOut, fanIn, fanRequests, eventRate, eventRequests);
    }

    private async Task<OrchestrationMetadata> CompleteAsync(string id)
    {
        var done = await engine.Observer.WaitForInstanceCompletionAsync(id, cancellation: cancellationToken);
        return done.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? done
            : throw new InvalidOperationException($"Benchmark instance {id} ended {done.RuntimeStatus}.");
    }

    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max((to - from).TotalSeconds, 0.001);
}
