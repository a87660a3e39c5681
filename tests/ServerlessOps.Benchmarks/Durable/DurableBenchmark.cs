using System.Diagnostics;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>
/// The standalone host's Durable engine (DTFx's TaskHubWorker over the Azure Storage engine) on Azurite, loopback
/// only: Durable Functions' published scenarios per engine variant, storage requests per unit of work, and the
/// requests an idle worker makes per hour with production polling, beside Azurite's raw queue rate in the same run.
/// Bounded: every step has a deadline and the whole run stops after 25 minutes.
/// </summary>
/// <remarks>
/// Each variant runs on an Azurite of its own, watched by a probe: Azurite 3.37's queue service stalled for 30-160 s
/// at times under this load (its in-memory store re-sorting indices over all messages, and its extent sweep), so a
/// variant whose emulator stalled over 5 s runs once more, and its figures are flagged if it stalls again. Since
/// 2026-12-05 the fixture preloads infra/local/azurite-store-fixes.js, which removes those costs; the probe stays as
/// the guard that says so.
/// </remarks>
internal static class DurableBenchmark
{
    private static readonly TimeSpan TolerableStall = TimeSpan.FromSeconds(5);

    /// <summary>The durableTask values of functions/ServerlessOps.Functions/host.json that differ from the extension's defaults (see README, Benchmarks).</summary>
    public static EngineVariant Production { get; } = EngineVariant.Defaults
        .With("production", "storageProvider:partitionCount", "2")
        .With("production", "extendedSessionsEnabled", "true")
        .With("production", "maxConcurrentOrchestratorFunctions", "50")
        .With("production", "maxConcurrentActivityFunctions", "100");

    public static async Task<int> RunAsync(string[] args)
    {
        var options = DurableBenchmarkOptions.Parse(args);
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(25));
        var ct = budget.Token;
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Load average at start: {LoadAverage()}");

        double raw;
        await using (var azurite = await AzuriteFixture.StartAsync(ct))
        {
            raw = await RawQueueRate.MeasureCyclesPerSecondAsync(azurite.ConnectionString, TimeSpan.FromSeconds(5), parallelism: 8, ct);
        }

        Console.WriteLine($"Azurite raw queue rate: {raw:F0} send+receive+delete cycles/s ({clock.Elapsed.TotalSeconds:F0} s)");
        List<EngineVariant> variants = options switch
        {
            { IdleOnly: true } => [],
            { Variant: { } only } => [.. Sweep().Prepend(EngineVariant.Defaults).Append(Production).Where(v => v.Name == only)],
            _ => [EngineVariant.Defaults, .. options.Sweep ? Sweep() : [], Production],
        };
        var results = new List<(EngineVariant Variant, ScenarioFigures Figures)>();
        foreach (var variant in variants)
        {
            var runs = new List<ScenarioFigures>();
            for (var run = 1; run <= options.Repeat; run++)
            {
                for (var attempt = 1; attempt <= 2; attempt++)
                {
                    var figures = await RunVariantAsync(variant, ct);
                    Console.WriteLine(figures is null
                        ? $"{variant.Name} #{run}: FAILED ({clock.Elapsed.TotalSeconds:F0} s)"
                        : $"{variant.Name} #{run}: done, Azurite's slowest answer {figures.AzuriteStallSeconds:F1} s ({clock.Elapsed.TotalSeconds:F0} s, load {LoadAverage()})");
                    if (figures is not null && (figures.AzuriteStallSeconds <= TolerableStall.TotalSeconds || attempt == 2))
                    {
                        runs.Add(figures);
                        break;
                    }
                }
            }

            if (runs.Count > 0)
            {
                results.Add((variant, ScenarioFigures.Median(runs)));
            }
        }

        IReadOnlyList<IdleFigures> idle = [];
        if (options.Idle)
        {
            Console.WriteLine($"Idle: {options.Settle.TotalSeconds:F0} s to settle, then a {options.IdleWindow.TotalSeconds:F0} s window ...");
            await using var azurite = await AzuriteFixture.StartAsync(ct);
            idle = await Task.WhenAll(IdleVariants(options.Sweep).Select(v => IdleCost.MeasureAsync(azurite, v, options.Settle, options.IdleWindow, ct)));
        }

        BenchmarkTable.Print(raw, results, idle);
        Console.WriteLine($"Load average at end: {LoadAverage()}. Total run time: {clock.Elapsed.TotalSeconds:F0} s.");
        return 0;
    }

    /// <summary>One variant on a fresh Azurite; null when a scenario misses its 2-minute deadline.</summary>
    private static async Task<ScenarioFigures?> RunVariantAsync(EngineVariant variant, CancellationToken ct)
    {
        await using var azurite = await AzuriteFixture.StartAsync(ct);
        await using var probe = new AzuriteProbe(azurite.ConnectionString);
        await using var engine = await BenchmarkEngine.StartAsync(azurite, variant, BenchmarkTasks.Register, ct);
        using var step = CancellationTokenSource.CreateLinkedTokenSource(ct);
        step.CancelAfter(TimeSpan.FromMinutes(2));
        var runner = new ScenarioRunner(engine, step.Token);
        try
        {
            return await runner.RunAsync() with { AzuriteStallSeconds = probe.Longest.TotalSeconds };
        }
        catch (OperationCanceledException) when (step.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            Console.WriteLine($"{variant.Name}: '{runner.Current}' did not finish within 2 minutes; Azurite's slow answers: {string.Join("; ", probe.Slow)}");
            return null;
        }
    }

    /// <summary>One setting changed at a time from the extension's defaults.</summary>
    private static IEnumerable<EngineVariant> Sweep()
    {
        var d = EngineVariant.Defaults;
        yield return d.With("polling 1 s", "storageProvider:maxQueuePollingInterval", "00:00:01");
        yield return d.With("extended sessions", "extendedSessionsEnabled", "true");
        yield return d.With("1 partition", "storageProvider:partitionCount", "1");
        yield return d.With("2 partitions", "storageProvider:partitionCount", "2");
        yield return d.With("8 partitions", "storageProvider:partitionCount", "8");
        yield return d.With("control batch 8", "storageProvider:controlQueueBatchSize", "8");
        yield return d.With("concurrency 50/100", "maxConcurrentOrchestratorFunctions", "50").With("concurrency 50/100", "maxConcurrentActivityFunctions", "100");
    }

    /// <summary>Production, and with --sweep what the idle cost is made of: partitions, polling, the app lease.</summary>
    private static IEnumerable<EngineVariant> IdleVariants(bool sweep)
    {
        yield return Production;
        if (sweep)
        {
            var d = EngineVariant.Defaults;
            yield return d;
            yield return d.With("1 partition", "storageProvider:partitionCount", "1");
            yield return d.With("2 partitions", "storageProvider:partitionCount", "2");
            yield return d.With("4 partitions, polling 60 s, no app lease", "storageProvider:maxQueuePollingInterval", "00:01:00")
                .With("4 partitions, polling 60 s, no app lease", "useAppLease", "false");
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
