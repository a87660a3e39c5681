using System.Diagnostics;
using Microsoft.Azure.Cosmos;
using Microsoft.DurableTask.Client;
using ServerlessOps.Benchmarks.Durable;
using ServerlessOps.Benchmarks.Ingest;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// The raw rates of what a flow depends on, measured on the same emulators right after the load with the app stopped:
/// Azurite's queue (send + receive + delete cycles, <see cref="RawQueueRate"/>), the Cosmos server's point writes
/// (upserts, one request each), and the Durable engine's activity rate as the app configures it
/// (<see cref="DurableBenchmark.Production"/> with the local stack's 1 s polling, one worker, a fresh task hub): many
/// two-activity flows at once, the shape of an order flow's first wake, and the published fan-out.
/// </summary>
internal static class RawRates
{
    private const int Flows = 150;
    private const int ActivitiesPerFlow = 2;
    private const int FanOutWidth = 300;

    /// <summary>What the app under test runs with: host.json's production settings and LocalStackSettings' polling.</summary>
    private static readonly EngineVariant AsTheApp = DurableBenchmark.Production.With("as the app", "storageProvider:maxQueuePollingInterval", "00:00:01");

    public static async Task<RawRateFigures> MeasureAsync(OrderFlowStack stack, CosmosClient cosmos, CancellationToken cancellationToken)
    {
        var queue = await RawQueueRate.MeasureCyclesPerSecondAsync(stack.Azurite.ConnectionString, TimeSpan.FromSeconds(4), parallelism: 8, cancellationToken);
        var writes = await PointWritesPerSecondAsync(new CosmosContainers(cosmos, stack.DatabaseName).InventoryLedger, TimeSpan.FromSeconds(4), workers: 32, cancellationToken);
        var engine = await MeasureEngineAsync(stack, cancellationToken);
        return new RawRateFigures(queue, writes, engine);
    }

    /// <summary>
    /// The engine alone on <paramref name="stack"/>'s Azurite, on a task hub of its own: activities/s over many two-activity
    /// instances started at once (the shape of an order flow's first wake; the second of two rounds) with the CPU that round
    /// took, and activities/s over one published fan-out.
    /// </summary>
    public static async Task<EngineRate> MeasureEngineAsync(OrderFlowStack stack, CancellationToken cancellationToken)
    {
        await using var engine = await BenchmarkEngine.StartAsync(stack.Azurite, AsTheApp, BenchmarkTasks.Register, cancellationToken);

        // One whole round first, not measured: on a fresh stack the first round read about half of what the engine does
        // once this process's engine code is compiled and Azurite's own code has warmed up (README, 2026-12-05).
        await FlowRateAsync(engine, cancellationToken);

        // The engine runs in this process (the idle stub marketplace beside it costs nothing measurable) and its
        // storage is Azurite; an app, idle or stopped, is not counted, though an idle one's polling lands in Azurite, and
        // so do the observer's polls for the 150 instances' completion: the figure reads a little high, not low.
        var cpu = new CpuMeter(("engine", [Environment.ProcessId, .. stack.Azurite.ProcessIds]));
        cpu.Start();
        var flowRate = await FlowRateAsync(engine, cancellationToken);
        var cpuMsPerActivity = cpu.Stop()[0].Cpu.TotalMilliseconds / (Flows * ActivitiesPerFlow);

        BenchmarkTasks.Timeline.Reset();
        var fan = await CompleteAsync(engine, await engine.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.FanOut, FanOutWidth, cancellationToken), cancellationToken);
        return new EngineRate(flowRate, cpuMsPerActivity, FanOutWidth / Seconds(fan.CreatedAt, BenchmarkTasks.Timeline.Last));
    }

    /// <summary>Activities/s over <see cref="Flows"/> two-activity instances started at once, from the first's creation to the last's end.</summary>
    private static async Task<double> FlowRateAsync(BenchmarkEngine engine, CancellationToken cancellationToken)
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, Flows).Select(_ =>
            engine.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Sequence, ActivitiesPerFlow, cancellationToken)));
        var flows = await Task.WhenAll(ids.Select(id => CompleteAsync(engine, id, cancellationToken)));
        return Flows * ActivitiesPerFlow / Seconds(flows.Min(f => f.CreatedAt), flows.Max(f => f.LastUpdatedAt));
    }

    private static async Task<double> PointWritesPerSecondAsync(Container container, TimeSpan duration, int workers, CancellationToken cancellationToken)
    {
        var count = 0L;
        var warmUp = TimeSpan.FromSeconds(1);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(
            async () =>
            {
                for (var n = 0; clock.Elapsed < warmUp + duration; n++)
                {
                    var document = new RawWrite($"raw|{w}|{n}", $"bench|raw|{w % 16}", "rawWrite", n);
                    await container.UpsertItemAsync(document, new PartitionKey(document.Pk), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
                    if (clock.Elapsed >= warmUp)
                    {
                        Interlocked.Increment(ref count);
                    }
                }
            },
            cancellationToken)));
        return count / (clock.Elapsed - warmUp).TotalSeconds;
    }

    private static async Task<OrchestrationMetadata> CompleteAsync(BenchmarkEngine engine, string id, CancellationToken cancellationToken)
    {
        var done = await engine.Observer.WaitForInstanceCompletionAsync(id, cancellation: cancellationToken);
        return done.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? done
            : throw new InvalidOperationException($"Raw-rate instance {id} ended {done.RuntimeStatus}.");
    }

    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max((to - from).TotalSeconds, 0.001);

    private sealed record RawWrite(string Id, string Pk, string Type, int N);
}

/// <param name="QueueCyclesPerSecond">Azurite: queue send + receive + delete cycles/s, 8 clients.</param>
/// <param name="CosmosWritesPerSecond">Cosmos server: point upserts/s, 32 workers.</param>
/// <param name="Engine">The engine alone on the same Azurite.</param>
internal sealed record RawRateFigures(double QueueCyclesPerSecond, double CosmosWritesPerSecond, EngineRate Engine);

/// <param name="FlowActivitiesPerSecond">Activities/s over 150 two-activity instances started at once.</param>
/// <param name="CpuMsPerActivity">CPU ms of the engine's process and Azurite over that round, per activity: what the engine's
/// share of an order costs, beside the whole pipeline's CPU per order.</param>
/// <param name="FanOutPerSecond">Fan-out activities/s, 300 at once (Durable Functions' published scenario).</param>
internal sealed record EngineRate(double FlowActivitiesPerSecond, double CpuMsPerActivity, double FanOutPerSecond);
