using System.Diagnostics;
using ServerlessOps.Benchmarks.OrderFlow;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Benchmarks.Drills.Oversell;

/// <summary>
/// Issue 18's drill 7, the oversell race at scale: one SKU with <c>--units</c> counted units listed on all four channels,
/// <c>--orders</c> one-unit orders from the four channels sent at once as signed webhooks, spread over <c>--apps</c> app
/// processes that share one task hub and one Cosmos database. When every flow has decided (or the deadline passed), the
/// app's read routes must show exactly the units reserved, every other order short with one alert, no order reserved
/// twice, nothing lost, the ledger's balance equal to its entries and never below zero, and every listing pushed at
/// what is left. Loopback only; every wait has a deadline; the whole run has 25 minutes.
/// </summary>
internal static class OversellDrill
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = OversellDrillOptions.Parse(args);
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(25));
        var cancellationToken = budget.Token;
        var loadBefore = OrderFlowBenchmark.LoadAverage();
        Console.WriteLine($"oversell drill: {options.Orders} orders for {options.Units} units over {options.Apps} app(s); load average {loadBefore}");

        var brandId = ScenarioAccounts.Default.BrandId;
        var product = OversellOrders.Product;
        var orders = OversellOrders.Build(options.OrdersPerChannel);
        await using var stack = await OversellStack.StartAsync(options.Apps, cancellationToken);
        NewOrderStream.Serve(orders, stack.Marketplace);
        using var api = Api(stack.Apps[0].BaseAddress);
        var audit = new OversellAudit(api, brandId, product.Sku);
        await StockImport.ImportAsync(api, brandId, [product], options.Units, cancellationToken);

        // The race starts from a live shop: both apps own part of the hub, every listing shows the units.
        var partitions = new HubPartitions(stack.Azurite.ConnectionString, stack.TaskHub);
        var ready = Stopwatch.StartNew();
        await UntilAsync(
            async ct => (await partitions.SampleAsync(ct)) is { Count: > 0 } owners && stack.Apps.All(app => owners.Values.Any(o => Owns(o, app)))
                && await audit.ProgressAsync(ct) is { PushesSettled: true } progress && progress.LastPushedMax == options.Units,
            TimeSpan.FromMinutes(3),
            "every app owning a control queue and every listing pushed at the counted units",
            cancellationToken);
        Console.WriteLine($"  ready in {ready.Elapsed.TotalSeconds:F0} s: control queue owners {string.Join(", ", partitions.Owners.Select(p => $"{p.Key}={AppOf(stack, p.Value) + 1}"))}; sending ...");

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = partitions.WatchAsync(TimeSpan.FromSeconds(2), watching.Token);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        var deliveries = await new OversellLoad(http, [.. stack.Apps.Select(a => a.BaseAddress)], options.Concurrency).SendAsync(orders, cancellationToken);
        var sendTime = clock.Elapsed;
        Console.WriteLine($"  sent in {sendTime.TotalSeconds:F1} s: {deliveries.Count(d => d.Acknowledged)} acknowledged; waiting for every flow to decide ...");

        // Settled: the units reserved, every other order short, every listing pushed at what is left.
        TimeSpan? settle = null;
        var lastReport = TimeSpan.Zero;
        while (clock.Elapsed < TimeSpan.FromSeconds(options.SettleSeconds))
        {
            var progress = await audit.ProgressAsync(cancellationToken);
            if (progress.Reserved + progress.Short >= options.Orders && progress.PushesSettled)
            {
                settle = clock.Elapsed;
                break;
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(30))
            {
                lastReport = clock.Elapsed;
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds:F0} s: reserved {progress.Reserved}, short {progress.Short}; load {OrderFlowBenchmark.LoadAverage()}");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        // A late duplicate reservation or alert would show up now, not later: a short quiet period before the audit.
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        await watching.CancelAsync();
        await watch;
        Console.WriteLine($"  {(settle is null ? "NOT settled" : "settled")} at {clock.Elapsed.TotalSeconds:F0} s; auditing through the read routes ...");
        var truth = await audit.ReadAsync(deliveries, cancellationToken);

        var owners = partitions.Owners;
        var moved = partitions.Moved;
        var flowsByPartition = orders.GroupBy(o => HubPartitions.PartitionOf(OrderFlowIds.For(brandId, o.Channel, o.ExternalOrderId), owners.Count))
            .ToDictionary(g => g.Key, g => g.Count());
        var shares = stack.Apps.Select((app, i) =>
        {
            var owned = owners.Where(p => Owns(p.Value, app)).Select(p => p.Key).ToList();
            return new AppShare(i, app.ProcessId, deliveries.Count(d => d.App == i && d.Acknowledged), owned, owned.Sum(p => flowsByPartition.GetValueOrDefault(p)));
        }).ToList();
        var report = new OversellDrillReport(
            options, deliveries, sendTime, settle, truth, shares, moved.Sum(p => flowsByPartition.GetValueOrDefault(p)), partitions.OwnerChanges, loadBefore, OrderFlowBenchmark.LoadAverage());
        report.Print();
        return report.Passed ? 0 : 1;
    }

    /// <summary>A worker id is "{machine}-{process id}-{random}" (the standalone host's DurableWorkerId).</summary>
    private static bool Owns(string owner, FunctionAppProcess app) =>
        owner.Split('-') is { Length: >= 3 } parts && parts[^2] == app.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int AppOf(OversellStack stack, string owner) => stack.Apps.ToList().FindIndex(app => Owns(owner, app));

    private static async Task UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan within, string what, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition(cancellationToken))
        {
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"Not ready within {within.TotalSeconds:F0} s: {what}.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private static HttpClient Api(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add(LocalStackSettings.ApiKeyHeader, LocalStackSettings.ApiKey);
        return client;
    }
}
