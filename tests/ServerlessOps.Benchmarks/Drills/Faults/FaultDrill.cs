using System.Diagnostics;
using ServerlessOps.Benchmarks.OrderFlow;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Benchmarks.Drills.Faults;

/// <summary>
/// Issue 18's drills 1 (the app SIGKILLed at random moments and restarted) and 2 (Azurite or the Cosmos server frozen
/// for a while, SIGSTOP/SIGCONT, so no data is lost with it): new orders of all four channels arrive open loop as signed
/// webhooks while the fault hits; what got no 2xx is re-sent as the channels do; then, after a bounded drain, every
/// acknowledged order must be in the truth, reserved exactly once, with its flow active, and every balance equal to its
/// entries. Loopback only; every wait has a deadline; the whole run has 25 minutes.
/// </summary>
internal static class FaultDrill
{
    public static async Task<int> RunAsync(DrillFault fault, string[] args)
    {
        var options = FaultDrillOptions.Parse(fault, args);
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(25));
        var cancellationToken = budget.Token;
        var loadBefore = OrderFlowBenchmark.LoadAverage();
        Console.WriteLine($"fault drill ({options.Fault}): {options.Rate} orders/s for {options.Seconds} s from all four channels; load average {loadBefore}");

        var orders = NewOrderStream.Build(Math.Min(NewOrderStream.MaxOrders, options.Rate * options.Seconds));
        // A delivery acknowledged once stored whose queue hand-off died with a killed process is re-queued by the
        // stranded-delivery sweep; production waits 10 minutes for it, the drill one.
        await using var stack = await OrderFlowStack.StartAsync(new Dictionary<string, string> { ["Ingestion:StrandedAfter"] = "00:01:00" }, cancellationToken);
        NewOrderStream.Serve(orders, stack.Marketplace);
        var address = stack.App.BaseAddress;
        using (var setup = Api(address))
        {
            await StockImport.ImportAsync(setup, ScenarioAccounts.Default.BrandId, cancellationToken);
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        var load = new DrillLoad(http, () => Volatile.Read(ref address), clock);
        var injector = new FaultInjector(options, stack, clock, moved => Volatile.Write(ref address, moved));

        var loadStart = clock.Elapsed;
        var sending = load.SendAsync(orders, options.Rate, cancellationToken);
        var faults = await injector.RunAsync(loadStart, cancellationToken);
        await sending;
        var loadEnd = clock.Elapsed;
        Console.WriteLine($"  load sent in {(loadEnd - loadStart).TotalSeconds:F0} s; re-sending what got no 2xx, as the channels do ...");
        await load.RetryUnacknowledgedAsync(cancellationToken);

        var acknowledged = load.Attempts.Where(a => a.Acknowledged).Select(a => a.Order).DistinctBy(o => o.OrderId).ToArray();
        using var cosmos = CosmosClientFactory.Create(new CosmosOptions { ConnectionString = stack.Cosmos.ConnectionString, AcceptEmulatorCertificate = true, DatabaseName = stack.DatabaseName });
        using var api = Api(stack.App.BaseAddress);
        var audit = new TruthAudit(stack.Azurite.ConnectionString, stack.TaskHub, stack.DatabaseName, cosmos, api);

        // Drain: until every acknowledged order is reserved, or the deadline.
        var lastFaultEnd = faults.Count > 0 ? faults.Max(f => f.End) : loadEnd;
        var drained = await DrillWait.UntilAsync(
            async () => await audit.ReservedOrdersAsync(acknowledged, cancellationToken) == acknowledged.Length,
            TimeSpan.FromSeconds(options.DrainSeconds),
            TimeSpan.FromSeconds(2),
            cancellationToken);

        var drainTime = clock.Elapsed - lastFaultEnd;
        Console.WriteLine($"  {(drained ? "drained" : "NOT drained")} {drainTime.TotalSeconds:F0} s after the last fault ended; auditing the truth ...");
        var truth = await audit.ReadAsync(acknowledged, cancellationToken);
        var report = new FaultDrillReport(options, orders.Count, load.Attempts, faults, loadStart, loadEnd, acknowledged.Length, truth, drained ? drainTime : null, loadBefore, OrderFlowBenchmark.LoadAverage());
        report.Print();
        return report.Passed ? 0 : 1;
    }

    private static HttpClient Api(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(LocalStackSettings.ApiKeyHeader, LocalStackSettings.ApiKey);
        return client;
    }
}
