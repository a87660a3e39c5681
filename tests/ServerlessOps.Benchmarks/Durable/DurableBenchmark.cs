using System.Diagnostics;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>
/// The standalone host's Durable engine (DTFx's TaskHubWorker over the Azure Storage engine) on Azurite, loopback
/// only: Durable Functions' published scenarios per engine variant, storage requests per unit of work, and the
/// requests an idle worker makes per hour with production polling, beside Azurite's raw queue rate in the same run.
/// Bounded: every step has a deadline and the whole run stops after 20 minutes.
/// </summary>
internal static class DurableBenchmark
{
    /// <summary>What the recommended production host.json says (see the final report / README).</summary>
    public static EngineVariant Production { get; } = EngineVariant.Defaults
        .With("production", "extendedSessionsEnabled", "true")
        .With("production", "maxConcurrentOrchestratorFunctions", "50")
        .With("production", "maxConcurrentActivityFunctions", "100");

    public static async Task<int> RunAsync(string[] args)
    {
        var options = DurableBenchmarkOptions.Parse(args);
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = budget.Token;
        var clock = Stopwatch.StartNew();
        Console.WriteLine("Starting Azurite ...");
        await using var azurite = await AzuriteFixture.StartAsync(ct);

        await using var probe = new AzuriteProbe(azurite.ConnectionString);
        var raw = await RawQueueRate.MeasureCyclesPerSecondAsync(azurite.ConnectionString, TimeSpan.FromSeconds(5), parallelism: 8, ct);
        Console.WriteLine($"Azurite raw queue rate: {raw:F0} send+receive+delete cycles/s ({clock.Elapsed.TotalSeconds:F0} s)");

        List<EngineVariant> variants = options.Variant is { } only
            ? [.. Sweep().Prepend(EngineVariant.Defaults).Append(Production).Where(v => v.Name == only)]
            : [EngineVariant.Defaults, .. options.Sweep ? Sweep() : [], Production];
        var results = new List<(EngineVariant Variant, ScenarioFigures Figures)>();
        foreach (var variant in variants)
        {
            await using var engine = await BenchmarkEngine.StartAsync(azurite, variant, BenchmarkTasks.Register, ct);
            using var step = CancellationTokenSource.CreateLinkedTokenSource(ct);
            step.CancelAfter(TimeSpan.FromMinutes(2));
            var runner = new ScenarioRunner(engine, step.Token);
            try
            {
                results.Add((variant, await runner.RunAsync()));
                Console.WriteLine($"{variant.Name}: done ({clock.Elapsed.TotalSeconds:F0} s, {DateTime.UtcNow:HH:mm:ss} UTC)");
            }
            catch (OperationCanceledException) when (step.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                Console.WriteLine($"{variant.Name}: FAILED, '{runner.Current}' did not finish within 2 minutes ({clock.Elapsed.TotalSeconds:F0} s, {DateTime.UtcNow:HH:mm:ss} UTC)");
            }
        }

        IReadOnlyList<IdleFigures> idle = [];
        if (options.Idle)
        {
            Console.WriteLine($"Idle: {options.Settle.TotalSeconds:F0} s to settle, then a {options.IdleWindow.TotalSeconds:F0} s window ...");
            idle = await Task.WhenAll(IdleVariants(options.Sweep).Select(v => IdleCost.MeasureAsync(azurite, v, options.Settle, options.IdleWindow, ct)));
        }

        BenchmarkTable.Print(raw, results, idle);
        Console.WriteLine(probe.Slow.Count == 0
            ? "Azurite answered every probe (a queue and a table request every 250 ms) within a second."
            : $"Azurite answered {probe.Slow.Count} probes slower than a second: {string.Join("; ", probe.Slow.Take(20))}");
        Console.WriteLine($"Total run time: {clock.Elapsed.TotalSeconds:F0} s.");
        return 0;
    }

    /// <summary>One setting changed at a time from the extension's defaults.</summary>
    private static IEnumerable<EngineVariant> Sweep()
    {
        var d = EngineVariant.Defaults;
        yield return d.With("polling 1 s", "storageProvider:maxQueuePollingInterval", "00:00:01");
        yield return d.With("extended sessions", "extendedSessionsEnabled", "true");
        yield return d.With("1 partition", "storageProvider:partitionCount", "1");
        yield return d.With("8 partitions", "storageProvider:partitionCount", "8");
        yield return d.With("control batch 8", "storageProvider:controlQueueBatchSize", "8");
        yield return d.With("concurrency 50/100", "maxConcurrentOrchestratorFunctions", "50").With("concurrency 50/100", "maxConcurrentActivityFunctions", "100");
    }

    private static IEnumerable<EngineVariant> IdleVariants(bool sweep)
    {
        yield return Production;
        if (sweep)
        {
            yield return EngineVariant.Defaults.With("production, 2 partitions", "storageProvider:partitionCount", "2")
                .With("production, 2 partitions", "extendedSessionsEnabled", "true");
            yield return Production.With("production, no app lease", "useAppLease", "false");
            yield return Production.With("production, polling 60 s", "storageProvider:maxQueuePollingInterval", "00:01:00");
        }
    }
}
