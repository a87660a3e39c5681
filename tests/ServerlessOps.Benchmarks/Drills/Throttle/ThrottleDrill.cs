using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using ServerlessOps.Benchmarks.Drills.Faults;
using ServerlessOps.Benchmarks.OrderFlow;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Testing.Faults;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Benchmarks.Drills.Throttle;

/// <summary>
/// Issue 18's drill 3, throttling and transient faults. New orders of all four channels arrive as signed webhooks while
/// fault proxies answer a stepped share of the app's Cosmos requests with 429 (x-ms-retry-after-ms) or 503 and of its
/// storage requests with 500 or 503 (none, then <c>--low</c>, then <c>--high</c>, then none), and the stub channels
/// throttle and fail: Walmart order reads 429 with Retry-After 2 s, Walmart acknowledgements 429 with Retry-After 1 s,
/// each for a number of calls; TikTok answers 500 for the load's first 12 s; Amazon answers 500 to every call for longer than a delivery's
/// retry budget. Then: every Amazon delivery must reach quarantine, the calls to Amazon must stop, and once Amazon is
/// back the quarantined deliveries are replayed through the API; at the end every acknowledged order is in the truth,
/// reserved exactly once, its flow active, and nothing is left in quarantine or a poison queue.
/// Loopback only; every wait has a deadline; the whole run has 25 minutes.
/// </summary>
internal static class ThrottleDrill
{
    private static readonly TimeSpan QuietWindow = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = ThrottleDrillOptions.Parse(args);
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(25));
        var cancellationToken = budget.Token;
        var loadBefore = OrderFlowBenchmark.LoadAverage();
        Console.WriteLine($"throttle drill: {options.Rate} orders/s for {options.Seconds} s, faults {options.LowRate:P0} then {options.HighRate:P0}, Amazon pacing {(options.PaceAmazon ? "on" : "off")}; load average {loadBefore}");

        var orders = NewOrderStream.Build(Math.Min(NewOrderStream.MaxOrders, options.Rate * options.Seconds));
        await using var stack = await ThrottleStack.StartAsync(options, cancellationToken);
        NewOrderStream.Serve(orders, stack.Marketplace);
        var brandId = ScenarioAccounts.Default.BrandId;
        using var api = Api(stack.App.BaseAddress);
        await StockImport.ImportAsync(api, brandId, cancellationToken);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        var load = new DrillLoad(http, () => stack.App.BaseAddress, clock);

        // Channel faults for the whole load: counted ones are used up by the first calls, Amazon stays down.
        var marketplace = stack.Marketplace;
        marketplace.FailFor(SalesChannel.Amazon, TimeSpan.FromMinutes(30), 500);
        marketplace.FailNext(SalesChannel.Walmart, 24, 429, TimeSpan.FromSeconds(2));
        marketplace.FailNextWalmartAcknowledgements(8, 429, TimeSpan.FromSeconds(1));
        // A short TikTok outage, by time: counted 500s would outlast it once the account's circuit opens, since an open
        // circuit lets one probe a break through and each probe would use up one of them (24 then took ~5 minutes).
        marketplace.FailFor(SalesChannel.TikTokShop, TimeSpan.FromSeconds(12), 500);

        var loadStart = clock.Elapsed;
        var sending = load.SendAsync(orders, options.Rate, cancellationToken);
        var windows = await StepFaultsAsync(stack, options, clock, cancellationToken);
        await sending;
        var loadEnd = clock.Elapsed;
        Console.WriteLine($"  load sent in {(loadEnd - loadStart).TotalSeconds:F0} s; re-sending what got no 2xx, as the channels do ...");
        await load.RetryUnacknowledgedAsync(cancellationToken);

        var acknowledged = load.Attempts.Where(a => a.Acknowledged).Select(a => a.Order).DistinctBy(o => o.OrderId).ToArray();
        var amazon = acknowledged.Where(o => o.Channel == SalesChannel.Amazon).ToArray();
        var others = acknowledged.Where(o => o.Channel != SalesChannel.Amazon).ToArray();
        using var cosmos = CosmosClientFactory.Create(new CosmosOptions { ConnectionString = stack.Cosmos.ConnectionString, AcceptEmulatorCertificate = true, DatabaseName = stack.DatabaseName });
        var audit = new TruthAudit(stack.Azurite.ConnectionString, stack.TaskHub, stack.DatabaseName, cosmos, api);

        // Amazon is still down: its deliveries must exhaust their retries and land in quarantine; the rest must finish.
        var quarantined = 0;
        var settled = await DrillWait.UntilAsync(
            async () =>
            {
                quarantined = (await OpenQuarantineAsync(api, brandId, cancellationToken)).Count(e => e.Channel == SalesChannel.Amazon);
                return quarantined >= amazon.Length && await audit.ReservedOrdersAsync(others, cancellationToken) == others.Length;
            },
            TimeSpan.FromSeconds(options.SettleSeconds),
            TimeSpan.FromSeconds(3),
            cancellationToken);

        var deadLettered = clock.Elapsed;
        var tikTokFaults = marketplace.Requests(SalesChannel.TikTokShop).Count(r => r.Outcome == "injected");
        Console.WriteLine($"  {(settled ? "settled" : "NOT settled")}: {await audit.ReservedOrdersAsync(others, cancellationToken)} of {others.Length} other orders reserved, {quarantined} of {amazon.Length} Amazon deliveries quarantined {(deadLettered - loadEnd).TotalSeconds:F0} s after the load; watching Amazon's calls for {QuietWindow.TotalSeconds:F0} s ...");
        var readsBefore = AmazonOrderReads(stack);
        var callsBefore = marketplace.RequestCount(SalesChannel.Amazon);
        await Task.Delay(QuietWindow, cancellationToken);
        var quiet = new QuietFigures(AmazonOrderReads(stack) - readsBefore, marketplace.RequestCount(SalesChannel.Amazon) - callsBefore);

        // Amazon is back: an operator replays what quarantine holds.
        marketplace.Recover(SalesChannel.Amazon);
        var replayed = 0;
        foreach (var entry in await OpenQuarantineAsync(api, brandId, cancellationToken))
        {
            using var replay = await api.PostAsync(new Uri($"api/brands/{brandId}/quarantine/{Uri.EscapeDataString(entry.DeliveryKey)}/replay", UriKind.Relative), content: null, cancellationToken);
            replayed += replay.StatusCode == HttpStatusCode.Accepted ? 1 : 0;
        }

        var replayedAt = clock.Elapsed;
        var drained = await DrillWait.UntilAsync(
            async () => await audit.ReservedOrdersAsync(acknowledged, cancellationToken) == acknowledged.Length,
            TimeSpan.FromSeconds(options.DrainSeconds),
            TimeSpan.FromSeconds(2),
            cancellationToken);

        Console.WriteLine($"  replayed {replayed}; {(drained ? "drained" : "NOT drained")} {(clock.Elapsed - replayedAt).TotalSeconds:F0} s after the replay; auditing ...");
        var truth = await audit.ReadAsync(acknowledged, cancellationToken);
        var report = new ThrottleDrillReport(options, loadBefore, OrderFlowBenchmark.LoadAverage())
        {
            Orders = orders.Count,
            Attempts = load.Attempts,
            Windows = windows,
            Acknowledged = acknowledged.Length,
            AmazonAcknowledged = amazon.Length,
            Quarantined = quarantined,
            DeadLetteredAfter = settled ? deadLettered - loadEnd : null,
            Quiet = quiet,
            QuarantineWarnings = stack.Log.Quarantined,
            CircuitsOpened = stack.Log.CircuitsOpened,
            StrandedHandOffs = stack.Log.StrandedHandOffs,
            PendingRowsRepaired = stack.Log.PendingRowsRepaired,
            LogTop = stack.Log.Top(6),
            Replayed = replayed,
            OpenAfterReplay = (await OpenQuarantineAsync(api, brandId, cancellationToken)).Count,
            PoisonDepths = await PoisonDepthsAsync(stack, cancellationToken),
            Truth = truth,
            Drained = drained ? clock.Elapsed - replayedAt : null,
            Proxies = [("blob", stack.StorageProxies.Blob.Figures), ("queue", stack.StorageProxies.Queue.Figures), ("table", stack.StorageProxies.Table.Figures), ("cosmos", stack.CosmosProxy.Figures)],
            TikTokFaults = tikTokFaults,
            Channels =
            [
                ("Walmart order reads (429, Retry-After 2 s)", ChannelRetryGaps.Of(marketplace.Requests(SalesChannel.Walmart), r => r.Method == "GET")),
                ("Walmart acknowledgements (429, Retry-After 1 s)", ChannelRetryGaps.Of(marketplace.Requests(SalesChannel.Walmart), r => r.Path.EndsWith("/acknowledge", StringComparison.Ordinal))),
                ("Amazon order reads (500 throughout)", ChannelRetryGaps.Of(marketplace.Requests(SalesChannel.Amazon), r => r.Path.StartsWith("/orders/v0/orders/", StringComparison.Ordinal))),
            ],
            ServerErrorLines = stack.Log.Errors,
            ServerErrorKinds = [.. stack.Log.ErrorKinds(8)],
        };
        report.Print();
        return report.Passed ? 0 : 1;
    }

    /// <summary>None for the first sixth of the load, the low rate for a third, the high rate for a third, none after.</summary>
    private static async Task<IReadOnlyList<(string Name, TimeSpan Start, TimeSpan End)>> StepFaultsAsync(
        ThrottleStack stack, ThrottleDrillOptions options, Stopwatch clock, CancellationToken cancellationToken)
    {
        var load = TimeSpan.FromSeconds(options.Seconds);
        var start = clock.Elapsed;
        var windows = new List<(string, TimeSpan, TimeSpan)>();
        foreach (var (rate, from, to) in new[] { (options.LowRate, load / 6, load / 2), (options.HighRate, load / 2, load * 5 / 6) })
        {
            await DelayUntilAsync(clock, start + from, cancellationToken);
            stack.StorageProxies.SetFaults(new FaultMix(rate, [500, 503]));
            stack.CosmosProxy.SetFaults(new FaultMix(rate, [429, 503], TimeSpan.FromMilliseconds(100)));
            var began = clock.Elapsed;
            await DelayUntilAsync(clock, start + to, cancellationToken);
            windows.Add(($"{rate:P0} of storage (500/503) and Cosmos (429/503) requests", began, clock.Elapsed));
        }

        stack.StorageProxies.SetFaults(FaultMix.None);
        stack.CosmosProxy.SetFaults(FaultMix.None);
        return windows;
    }

    private static async Task DelayUntilAsync(Stopwatch clock, TimeSpan at, CancellationToken cancellationToken)
    {
        if (at - clock.Elapsed is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    private static int AmazonOrderReads(ThrottleStack stack) =>
        stack.Marketplace.Requests(SalesChannel.Amazon).Count(r => r.Path.StartsWith("/orders/v0/orders/", StringComparison.Ordinal));

    private static async Task<IReadOnlyList<(string DeliveryKey, SalesChannel Channel)>> OpenQuarantineAsync(HttpClient api, string brandId, CancellationToken cancellationToken)
    {
        using var response = await api.GetAsync(new Uri($"api/brands/{brandId}/quarantine?state=open", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return [.. document.RootElement.EnumerateArray().Select(e => (
            e.GetProperty("deliveryKey").GetString() ?? string.Empty,
            e.GetProperty("channel") is { ValueKind: JsonValueKind.Number } number ? (SalesChannel)number.GetInt32() : Enum.Parse<SalesChannel>(e.GetProperty("channel").GetString() ?? string.Empty, ignoreCase: true)))];
    }

    /// <summary>Every poison queue's depth, read from Azurite itself (what the poison-depth gauge samples).</summary>
    private static async Task<IReadOnlyDictionary<string, int>> PoisonDepthsAsync(ThrottleStack stack, CancellationToken cancellationToken)
    {
        var service = new QueueServiceClient(stack.Azurite.ConnectionString);
        var depths = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var queue in service.GetQueuesAsync(prefix: null, cancellationToken: cancellationToken))
        {
            if (queue.Name.EndsWith("-poison", StringComparison.Ordinal))
            {
                depths[queue.Name] = (await service.GetQueueClient(queue.Name).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            }
        }

        return depths;
    }

    private static HttpClient Api(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add(LocalStackSettings.ApiKeyHeader, LocalStackSettings.ApiKey);
        return client;
    }
}

/// <summary>Calls to the failing channel in the quiet window after its work was dead-lettered: order reads must be 0.</summary>
internal sealed record QuietFigures(int OrderReads, int AllCalls);
