using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessOps.Durable;
using ServerlessOps.Durable.AzureStorage;
using ServerlessOps.Durable.AzureStorage.Http;
using ServerlessOps.Durable.Client;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>
/// The durable runtime on Azurite with one worker: the four scenarios Durable Functions publishes for its Azure
/// Storage provider, beside the published per-instance figures, with storage requests per activity (counted by the
/// backend's pipeline policy) and Azurite's raw queue send+receive+delete rate measured in the same run.
/// </summary>
internal static class DurableBenchmark
{
    private const int SequentialInstances = 10;
    private const int SequentialLength = 30;
    private const int SingleChainLength = 50;
    private const int FanOutWidth = 500;
    private const int EventCount = 500;

    public static async Task<int> RunAsync(string[] args)
    {
        _ = args;
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = budget.Token;
        Console.WriteLine("Starting Azurite ...");
        await using var azurite = await AzuriteFixture.StartAsync(ct);

        using var host = BuildHost(azurite.ConnectionString);
        await host.Services.GetRequiredService<AzureStorageOrchestrationBackend>().CreateTaskHubAsync(ct);
        await host.StartAsync(ct);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var counter = host.Services.GetRequiredService<StorageRequestCounter>();
        await RunWarmUpAsync(client, ct);

        var sequential = await MeasureSequentialAsync(client, counter, ct);
        var backend = host.Services.GetRequiredService<AzureStorageOrchestrationBackend>();
        var (fanOut, fanIn) = await MeasureFanOutFanInAsync(client, backend, counter, ct);
        var events = await MeasureEventsAsync(client, backend, counter, ct);
        await host.StopAsync(CancellationToken.None);

        // Measured last, on the same (now warm) Azurite, with the durable worker stopped.
        var raw = await RawQueueRate.MeasureCyclesPerSecondAsync(azurite.ConnectionString, TimeSpan.FromSeconds(5), parallelism: 8, ct);

        BenchmarkTable.Print(raw, sequential, fanOut, fanIn, events);
        return 0;
    }

    private static IHost BuildHost(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDurableTask(durable => durable
            .AddTasks(DurableScenarios.Register)
            .Configure(o =>
            {
                o.TaskHubName = "bench" + Guid.NewGuid().ToString("N")[..8];
                o.MinPollingInterval = TimeSpan.FromMilliseconds(1);
                o.MaxPollingInterval = TimeSpan.FromMilliseconds(10);
                o.MaxConcurrentOrchestrations = 32;
                o.MaxConcurrentActivities = 1000;
            })
            .AddAzureStorageTaskHub(o => o.ConnectionString = connectionString));
        return builder.Build();
    }

    private static async Task RunWarmUpAsync(DurableTaskClient client, CancellationToken ct)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Sequential", 3, ct);
        await client.WaitForInstanceCompletionAsync(id, false, ct);
    }

    /// <summary>Per instance: one chain alone (latency-bound, as DF's figure); all instances: ten chains at once.</summary>
    private static async Task<ScenarioResult> MeasureSequentialAsync(DurableTaskClient client, StorageRequestCounter counter, CancellationToken ct)
    {
        var single = Stopwatch.StartNew();
        var alone = await client.ScheduleNewOrchestrationInstanceAsync("Sequential", SingleChainLength, ct);
        await client.WaitForInstanceCompletionAsync(alone, false, ct);
        var perInstance = SingleChainLength / single.Elapsed.TotalSeconds;
        counter.Reset();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, SequentialInstances).Select(async _ =>
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Sequential", SequentialLength, ct);
            await client.WaitForInstanceCompletionAsync(id, false, ct);
        }));
        var elapsed = clock.Elapsed;
        var activities = SequentialInstances * SequentialLength;
        return new ScenarioResult(
            PerInstance: perInstance,
            Aggregate: activities / elapsed.TotalSeconds,
            RequestsPerActivity: (double)counter.Total / activities);
    }

    private static async Task<(ScenarioResult FanOut, ScenarioResult FanIn)> MeasureFanOutFanInAsync(
        DurableTaskClient client, AzureStorageOrchestrationBackend backend, StorageRequestCounter counter, CancellationToken ct)
    {
        DurableScenarios.FanOutTarget = FanOutWidth;
        DurableScenarios.FanOutStarted = 0;
        DurableScenarios.FanOutGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        counter.Reset();
        var started = Stopwatch.GetTimestamp();
        var id = await client.ScheduleNewOrchestrationInstanceAsync("FanOutFanIn", FanOutWidth, ct);
        await DurableScenarios.FanOutGate.Task.WaitAsync(ct);
        var fanOutTime = Stopwatch.GetElapsedTime(started);
        var gateOpened = Stopwatch.GetTimestamp();
        await client.WaitForInstanceCompletionAsync(id, false, ct);
        // The step is visible before its consumed messages are deleted: count the fan-in until they are.
        var probeRequests = await WaitForEmptyQueuesAsync(backend, ct);
        var fanInTime = Stopwatch.GetElapsedTime(gateOpened);
        var perActivity = (double)(counter.Total - probeRequests) / FanOutWidth;
        return (new ScenarioResult(FanOutWidth / fanOutTime.TotalSeconds, FanOutWidth / fanOutTime.TotalSeconds, perActivity),
            new ScenarioResult(FanOutWidth / fanInTime.TotalSeconds, FanOutWidth / fanInTime.TotalSeconds, perActivity));
    }

    private static async Task<ScenarioResult> MeasureEventsAsync(
        DurableTaskClient client, AzureStorageOrchestrationBackend backend, StorageRequestCounter counter, CancellationToken ct)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Events", EventCount, ct);
        await client.WaitForInstanceStartAsync(id, false, ct);
        counter.Reset();
        var clock = Stopwatch.StartNew();
        using var parallel = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, EventCount).Select(async i =>
        {
            await parallel.WaitAsync(ct);
            try
            {
                await client.RaiseEventAsync(id, "Tick", 1, ct);
            }
            finally
            {
                parallel.Release();
            }
        }));
        await client.WaitForInstanceCompletionAsync(id, false, ct);
        var probeRequests = await WaitForEmptyQueuesAsync(backend, ct);
        var rate = EventCount / clock.Elapsed.TotalSeconds;
        return new ScenarioResult(rate, rate, (double)(counter.Total - probeRequests) / EventCount);
    }

    /// <summary>Waits until every queue of the hub is empty (hidden messages count too); returns the requests the probes made.</summary>
    private static async Task<long> WaitForEmptyQueuesAsync(AzureStorageOrchestrationBackend backend, CancellationToken ct)
    {
        var probes = 0L;
        while (true)
        {
            var backlog = await backend.GetBacklogAsync(ct);
            probes += 5;
            if (backlog.OrchestrationMessages == 0 && backlog.ActivityMessages == 0)
            {
                return probes;
            }

            await Task.Delay(5, ct);
        }
    }
}
