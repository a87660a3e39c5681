using System.Diagnostics;
using Azure.Data.Tables;
using ServerlessOps.Benchmarks.Ingest;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// Order flows end to end on the local stack: signed webhooks of new orders of all four channels, open loop at each
/// offered rate for a bounded time, then per order the time from its acknowledgement to its reservation (the ledger's
/// appliedAt) and to the channel push that reflects it (the stub's record), beside the raw rates of the same emulators.
/// Loopback only; each rate on a fresh stack; stops by itself (every wait has a deadline, the whole run 30 minutes).
/// </summary>
internal static class OrderFlowBenchmark
{
    /// <summary>Flows whose histories are read: 20 per channel.</summary>
    private const int HistorySample = 80;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = OrderFlowBenchmarkOptions.Parse(args);
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        Console.WriteLine($"order flows end to end: {string.Join(", ", options.Rates)} orders/s, {options.Seconds} s each, in flight ≤ {options.MaxInFlight}; load average {LoadAverage()}");
        var results = new List<RateFigures>();
        foreach (var rate in options.Rates)
        {
            var clock = Stopwatch.StartNew();
            results.Add(await RunRateAsync(options, rate, budget.Token));
            Console.WriteLine($"  {rate}/s done in {clock.Elapsed.TotalSeconds:F0} s (load {LoadAverage()})");
        }

        OrderFlowTable.Print(options, results);
        return 0;
    }

    private static async Task<RateFigures> RunRateAsync(OrderFlowBenchmarkOptions options, int rate, CancellationToken cancellationToken)
    {
        var orders = NewOrderStream.Build(Math.Min(NewOrderStream.MaxOrders, options.Warmup + (rate * options.Seconds)));
        var counts = StoreRequestCounts.StartCounting();
        await using var stack = await OrderFlowStack.StartAsync(cancellationToken);
        NewOrderStream.Serve(orders, stack.Marketplace);
        using var cosmos = CosmosClientFactory.Create(new CosmosOptions { ConnectionString = stack.Cosmos.ConnectionString, AcceptEmulatorCertificate = true, DatabaseName = stack.DatabaseName });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.MaxInFlight, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = stack.App.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(LocalStackSettings.ApiKeyHeader, LocalStackSettings.ApiKey);
        // The engine's own rate on this fresh stack, app idle: the bound the flows are judged against (the same
        // measure after the load shows what the backlog left of it).
        var engineBefore = await RawRates.MeasureEngineAsync(stack, cancellationToken);
        await StockImport.ImportAsync(http, ScenarioAccounts.Default.BrandId, cancellationToken);

        // Warm-up: JIT, connections, the engine's queues and the catalog cache; waits until its flows have reserved.
        var warmup = orders.Take(options.Warmup).ToArray();
        await OrderLoad.SendAsync(http, stack.App.BaseAddress, warmup, 10, options.MaxInFlight, cancellationToken);
        var reservations = Reservations.For(stack, cosmos);
        await WaitAsync(async () => (await reservations.ReadAsync(cancellationToken)).Count >= warmup.Length, TimeSpan.FromSeconds(60), cancellationToken);

        var measured = orders.Skip(options.Warmup).ToArray();
        var callsBefore = StubCalls(stack);
        var requestsBefore = await StoreRequestCounts.ReadAsync(counts, cancellationToken);
        var cpu = new CpuMeter(
            (RateFigures.GeneratorGroup, [Environment.ProcessId]),
            ("function app", [stack.App.ProcessId]),
            ("Azurite", [.. stack.Azurite.ProcessIds]),
            ("Cosmos server", [stack.Cosmos.ProcessId]));
        cpu.Start();
        var loadStart = DateTimeOffset.UtcNow;
        var loadClock = Stopwatch.StartNew();
        var (acks, notSent) = await OrderLoad.SendAsync(http, stack.App.BaseAddress, measured, rate, options.MaxInFlight, cancellationToken);
        var loadSeconds = loadClock.Elapsed.TotalSeconds;
        var cpuUsed = cpu.Stop();
        var load = LoadAverage();
        var acked = acks.Where(a => a.Acknowledged).ToArray();
        Console.WriteLine($"  {rate}/s: {acked.Length} of {measured.Length} acknowledged, {notSent} not sent; draining (≤ {options.DrainSeconds} s) ...");

        // Drain, under one deadline: until every acknowledged order is reserved and pushed on its channel, then until the
        // sampled flows have settled (their later steps, which the push does not wait for, ran), so that activities per
        // order and the engine bound count whole flows; the store request window runs to the end of both.
        var sample = FlowSample.Of(acked, HistorySample);
        var drainDeadline = TimeSpan.FromSeconds(options.DrainSeconds);
        var drainClock = Stopwatch.StartNew();
        IReadOnlyDictionary<string, List<LineReservation>> reserved = new Dictionary<string, List<LineReservation>>();
        PushTimeline pushes = PushTimeline.Read(stack.Marketplace);
        var allPushed = await WaitAsync(
            async () =>
            {
                reserved = await reservations.ReadAsync(cancellationToken);
                pushes = PushTimeline.Read(stack.Marketplace);
                return acked.All(a => reserved.TryGetValue(a.Order.OrderId, out var lines) && PushedAt(pushes, a.Order.Channel, lines) is not null);
            },
            drainDeadline,
            cancellationToken);
        var pushedAfter = allPushed ? drainClock.Elapsed.TotalSeconds : (double?)null;

        // What the orders cost whatever the rate kept: every process's CPU from the load's start until all were pushed.
        var cpuToPushed = cpu.Stop();
        var history = new TableClient(stack.Azurite.ConnectionString, stack.TaskHub + "History");
        List<string> unsettled = [.. sample.Select(f => f.InstanceId)];
        var settleReads = 0;
        var allSettled = await WaitAsync(
            async () =>
            {
                settleReads += unsettled.Count;
                unsettled = await FlowSettlement.UnsettledAsync(history, unsettled, cancellationToken);
                return unsettled.Count == 0;
            },
            drainDeadline - drainClock.Elapsed,
            cancellationToken);
        var drain = new DrainFigures(pushedAfter, allSettled ? drainClock.Elapsed.TotalSeconds : null, (double)settleReads / measured.Length);
        var drainEnd = DateTimeOffset.UtcNow;
        var calls = StubCalls(stack) - callsBefore;
        var requests = (await StoreRequestCounts.ReadAsync(counts, cancellationToken)).Since(requestsBefore);

        var toReserved = new List<double>();
        var toPushed = new List<double>();
        var toAll = new List<double>();
        var firstPush = DateTimeOffset.MaxValue;
        var lastPush = DateTimeOffset.MinValue;
        foreach (var ack in acked)
        {
            if (!reserved.TryGetValue(ack.Order.OrderId, out var lines))
            {
                continue;
            }

            toReserved.Add((lines.Max(l => l.AppliedAt) - ack.AckedAt).TotalMilliseconds);
            if (PushedAt(pushes, ack.Order.Channel, lines) is { } pushed)
            {
                toPushed.Add((pushed - ack.AckedAt).TotalMilliseconds);
                lastPush = pushed > lastPush ? pushed : lastPush;
                firstPush = pushed < firstPush ? pushed : firstPush;
            }

            var everywhere = Enum.GetValues<SalesChannel>().Select(c => PushedAt(pushes, c, lines)).ToArray();
            if (everywhere.All(p => p is not null))
            {
                toAll.Add((everywhere.Max()!.Value - ack.AckedAt).TotalMilliseconds);
            }
        }

        var engine = await EngineHistory.ReadAsync(stack.Azurite.ConnectionString, stack.TaskHub, sample, cancellationToken);
        var exceptions = await FlowExceptions.ReadAsync(http, ScenarioAccounts.Default.BrandId, cancellationToken);

        await stack.StopAppAsync();
        var raw = await RawRates.MeasureAsync(stack, cosmos, cancellationToken);
        return new RateFigures(
            rate, measured.Length, acked.Length, notSent, toReserved.Count, toPushed.Count,
            CompletionRate(toPushed.Count, firstPush, lastPush),
            Percentiles.Of(acks.Where(a => a.Acknowledged).Select(a => a.AckMilliseconds)),
            Percentiles.Of(toReserved), Percentiles.Of(toPushed), Percentiles.Of(toAll),
            (double)pushes.Between(loadStart, drainEnd) / measured.Length,
            (double)calls / measured.Length,
            requests.Per(measured.Length),
            engine,
            drain,
            [.. acks.Where(a => !a.Acknowledged).GroupBy(a => a.FailureKind).OrderByDescending(g => g.Count()).Select(g => (g.Key, g.Count()))],
            [.. cpuUsed.Select(c => (c.Name, c.Cpu.TotalSeconds / loadSeconds))],
            [.. cpuToPushed.Select(c => (c.Name, c.Cpu.TotalMilliseconds / measured.Length))],
            raw,
            engineBefore,
            exceptions,
            load);
    }

    /// <summary>
    /// Flows completed per second between the first and the last completion: what the pipeline delivers once it runs,
    /// without the latency of the first order counted as lost time (a short run that keeps up with seconds of latency
    /// reads near its offered rate; one that falls behind reads its capacity).
    /// </summary>
    private static double CompletionRate(int completed, DateTimeOffset first, DateTimeOffset last) =>
        completed < 2 ? 0 : (completed - 1) / Math.Max((last - first).TotalSeconds, 0.001);

    /// <summary>When every line's SKU had been pushed on <paramref name="channel"/> after its reservation; null while one has not.</summary>
    private static DateTimeOffset? PushedAt(PushTimeline pushes, SalesChannel channel, List<LineReservation> lines)
    {
        DateTimeOffset? latest = null;
        foreach (var line in lines)
        {
            if (pushes.FirstAfter(channel, line.Sku, line.AppliedAt) is not { } at)
            {
                return null;
            }

            latest = latest is null || at > latest ? at : latest;
        }

        return latest;
    }

    private static int StubCalls(OrderFlowStack stack) => Enum.GetValues<SalesChannel>().Sum(stack.Marketplace.RequestCount);

    /// <summary>
    /// Polls every 2 s until the condition holds (true) or the deadline passes (false; the run goes on and the figures say
    /// what finished). The condition is asked at least once, also with no time left.
    /// </summary>
    private static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        return true;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
