using System.Diagnostics;
using System.Globalization;
using Microsoft.Azure.Cosmos;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Inventory;
using ServerlessOps.Testing.Emulators;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace ServerlessOps.Benchmarks.Ledger;

/// <summary>
/// Reservations per second through <see cref="CosmosInventoryLedgerStore"/> on the local Cosmos server: all on one hot
/// SKU (every movement meets the others on one ETag), then spread over many SKUs, printed beside the server's raw
/// point-write rate measured in the same run with the same number of workers. Closed loop: each worker awaits its call.
/// </summary>
internal static class LedgerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = LedgerBenchmarkOptions.Parse(args);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var cosmos = await CosmosServerFixture.StartAsync(stop.Token);
        var cosmosOptions = new CosmosOptions
        {
            ConnectionString = cosmos.ConnectionString,
            AcceptEmulatorCertificate = true,
            CreateIfMissing = true,
            DatabaseName = "ledger-benchmark",
        };
        using var client = CosmosClientFactory.Create(cosmosOptions);
        await CosmosContainers.EnsureCreatedAsync(client, cosmosOptions.DatabaseName, stop.Token);
        var containers = new CosmosContainers(client, cosmosOptions.DatabaseName);
        var counter = new ConflictCounter();
        var store = new CosmosInventoryLedgerStore(
            containers, MsOptions.Create(cosmosOptions), MsOptions.Create(new InventoryLedgerOptions()), TimeProvider.System,
            new ConflictCounter<CosmosInventoryLedgerStore>(counter));

        var skus = Enumerable.Range(0, options.Skus).Select(i => $"SKU-{i:D5}").Prepend("HOT").ToList();
        foreach (var sku in skus)
        {
            await store.ApplyAsync(new StockMovement("bench", sku, "wh", StockMovementKind.Receipt, 10_000_000, "po:seed"), stop.Token);
        }

        // Warm-up: JIT and connections, not measured.
        await RunPhaseAsync(options.Workers, TimeSpan.FromSeconds(1), (w, n, ct) => Reserve(store, skus[1 + ((w + n) % options.Skus)], $"warm:{w}:{n}", ct), stop.Token);

        var raw = await RunPhaseAsync(options.Workers, TimeSpan.FromSeconds(options.Seconds), (w, n, ct) => RawWriteAsync(containers.InventoryLedger, w, n, ct), stop.Token);
        counter.Reset();
        var hot = await RunPhaseAsync(options.Workers, TimeSpan.FromSeconds(options.Seconds), (w, n, ct) => Reserve(store, "HOT", $"hot:{w}:{n}", ct), stop.Token);
        var hotConflicts = counter.Conflicts;
        counter.Reset();
        var spread = await RunPhaseAsync(options.Workers, TimeSpan.FromSeconds(options.Seconds), (w, n, ct) => Reserve(store, skus[1 + ((w * 7919 + n) % options.Skus)], $"spread:{w}:{n}", ct), stop.Token);
        var spreadConflicts = counter.Conflicts;

        Console.WriteLine();
        Console.WriteLine(F($"Ledger benchmark: {options.Workers} workers, closed loop, {options.Seconds} s per phase, local @vercel/cosmosdb-server (one Node process) on this machine."));
        Console.WriteLine();
        Console.WriteLine("| phase | ops/s | p50 ms | p99 ms | failed | balance 412/409s per op | Cosmos requests per op |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Row("raw point writes (upsert, 1 request)", raw, null, 1);
        Row("reserve 1 unit, one hot SKU", hot, hotConflicts, null);
        Row(F($"reserve 1 unit, spread over {options.Skus} SKUs"), spread, spreadConflicts, null);
        Console.WriteLine();
        Console.WriteLine("A reservation alone is 5 requests (create entry, read balance, read entry, replace balance, mark entry), plus a read and a replace " +
            "per lost race; reservations queued in one process share the balance's read and replace (group commit), so a hot SKU needs fewer.");
        return 0;
    }

    private static void Row(string name, PhaseFigures f, long? conflicts, double? requestsPerOp)
    {
        var perOp = conflicts is { } c && f.Completed > 0 ? F($"{(double)c / f.Completed:F2}") : "-";
        var requests = requestsPerOp is { } r ? F($"{r:F0}") : conflicts is { } lost && f.Completed > 0 ? F($"≤ {5 + (2.0 * lost / f.Completed):F1}") : "-";
        Console.WriteLine(F($"| {name} | {f.PerSecond:F0} | {f.P50Ms:F1} | {f.P99Ms:F1} | {f.Failed} | {perOp} | {requests} |"));
    }

    private static async Task Reserve(CosmosInventoryLedgerStore store, string sku, string cause, CancellationToken cancellationToken)
    {
        var result = await store.ApplyAsync(new StockMovement("bench", sku, "wh", StockMovementKind.Reserve, 1, cause), cancellationToken);
        if (result.Outcome != StockApplyOutcome.Applied)
        {
            throw new InvalidOperationException($"Reservation {cause} answered {result.Outcome}.");
        }
    }

    private static async Task RawWriteAsync(Container container, int worker, int n, CancellationToken cancellationToken)
    {
        var document = new RawDocument($"raw|{worker}|{n}", $"bench|raw|{worker % 16}", "rawWrite", n);
        await container.UpsertItemAsync(document, new PartitionKey(document.Pk), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
    }

    private static async Task<PhaseFigures> RunPhaseAsync(int workers, TimeSpan duration, Func<int, int, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[workers];
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(
            async () =>
            {
                var mine = latencies[w] = [];
                for (var n = 0; clock.Elapsed < duration; n++)
                {
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        await operation(w, n, cancellationToken);
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    catch (Exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            },
            cancellationToken)));
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToList();
        double Percentile(double p) => all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)(p * all.Count))];
        return new PhaseFigures(all.Count, failed, all.Count / elapsed.TotalSeconds, Percentile(0.5), Percentile(0.99));
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record PhaseFigures(int Completed, int Failed, double PerSecond, double P50Ms, double P99Ms);

    private sealed record RawDocument(string Id, string Pk, string Type, int N);
}
