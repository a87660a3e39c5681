using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Queues;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Benchmarks.Ingest;

/// <summary>
/// Webhook acknowledgement under open-loop load on loopback: signed Shopify deliveries sent at a fixed rate
/// for a bounded time to the function app running as its own process on Azurite and the Cosmos server.
/// Latency is measured from each request's scheduled send time, so a stall shows up in the percentiles
/// instead of silently lowering the rate (no coordinated omission). Processing keeps running during the load,
/// as it does in production; the drain time after the load is reported too.
/// </summary>
internal static class IngestBenchmark
{
    /// <summary>How long the queue may take to empty after the load before the run reports it stuck.</summary>
    // Bounded: a 300/s processing-on run drained 34-42 s after the load (2026-12-05); Amazon's usage plan paces its re-reads.
    private static readonly TimeSpan _drainLimit = TimeSpan.FromMinutes(5);

    /// <summary>Requests the load generator sends the stub marketplace to warm itself before the load.</summary>
    private const int GeneratorWarmup = 500;

    /// <summary>Length of the ack path's floor measurement that follows the load (<see cref="AckPathFloor"/>).</summary>
    private const int FloorSeconds = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = IngestBenchmarkOptions.Parse(args);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        Console.WriteLine($"starting emulators and the function app (load: {options.Rate}/s for {options.Seconds} s, loopback only)");
        await using var azurite = await AzuriteFixture.StartAsync(stop.Token);
        await using var cosmos = await CosmosServerFixture.StartAsync(stop.Token);

        // Amazon, Walmart and TikTok deliveries are signals: processing re-reads their order from the stub marketplace.
        await using var marketplace = await Marketplace.StartAsync(stop.Token);
        var total = options.Rate * options.Seconds;
        var traffic = options.FourChannels ? ChannelMixTraffic.FourChannels(options.Warmup + total) : ChannelMixTraffic.ShopifyOnly(options.Warmup + total);
        traffic.Serve(marketplace);
        var runId = LocalStackSettings.NewRunId();
        var settings = LocalStackSettings.For(azurite, cosmos, runId);
        foreach (var (key, value) in ScenarioAccounts.Default.ToConfiguration(marketplace.BaseUrl))
        {
            settings[key] = value ?? string.Empty;
        }

        settings["Logging:LogLevel:Default"] = "Warning";

        // Ingestion processing only (re-reads and convergence): the brand goes live after every order here, so none
        // starts an order flow. Order flows are measured apart, in their own benchmark (orderflow).
        settings[$"Brands:{ScenarioAccounts.Default.BrandId}:GoLive"] = "2100-01-01T00:00:00Z";

        // --ack-only measures the edge alone: deliveries are stored and queued but not processed during the load.
        settings["Hosting:RunTriggers"] = options.AckOnly ? "false" : "true";
        settings["Ingestion:AcknowledgeAfter"] = options.AckAfter.ToString();

        // --app-setting Key=Value: one app setting changed for an A/B run on the same build.
        foreach (var (key, value) in options.AppSettings)
        {
            settings[key] = value;
        }

        var appAssembly = options.ReadyToRun ? await ReadyToRunApp.PublishAsync(stop.Token) : FunctionAppProcess.AppAssemblyPath();
        await using var app = await FunctionAppProcess.StartAsync(settings, onOutputLine: null, appAssembly, stop.Token);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.MaxInFlight, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var factory = new ShopifyOrderFactory();

        // The load generator warms its own sending code first, against the stub marketplace (which answers 404), never
        // against the app: a marketplace's sender is a warm service, and a cold generator's first calls would count as
        // the app's latency. Its connections to the app stay unopened.
        await SendAtRateAsync(http, marketplace.BaseUrl, traffic.Deliveries, 0, GeneratorWarmup, options.Rate, options.MaxInFlight, null, stop.Token);

        // Warm-up: JIT, connection pool, Cosmos and storage clients; not measured. --warmup 0 sends the load at an idle app.
        await SendAtRateAsync(http, app.BaseAddress, traffic.Deliveries, 0, options.Warmup, Math.Min(options.Rate, 200), options.MaxInFlight, null, stop.Token);

        var latencies = new LatencyRecorder();
        var cpu = new CpuMeter(
            ("load generator (this process)", [Environment.ProcessId]),
            ("function app", [app.ProcessId]),
            ("Azurite (blob, queue, table)", [.. azurite.ProcessIds]),
            ("Cosmos server", [cosmos.ProcessId]));
        cpu.Start();
        var clock = Stopwatch.StartNew();
        var result = await SendAtRateAsync(http, app.BaseAddress, traffic.Deliveries, options.Warmup, total, options.Rate, options.MaxInFlight, latencies, stop.Token);
        var elapsed = clock.Elapsed;
        var cpuUsed = cpu.Stop();

        var queue = new QueueClient(azurite.ConnectionString, settings["Ingestion:QueueName"]);

        // How far processing got while the edge was busy: what it left for after the load, the back-pressure held in the queue.
        var statesAtLoadEnd = options.AckOnly ? null : await RawDeliveryStates.CountAsync(azurite.ConnectionString, settings["Ingestion:RawContainer"], stop.Token);

        // Acknowledged once stored, the last deliveries may still be on their way to the queue.
        await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);

        // With processing off every message is still queued: how many deliveries each one carries on average.
        var perMessage = options.AckOnly
            ? (double)(options.Warmup + result.Ok) / Math.Max(1, (await queue.GetPropertiesAsync(stop.Token)).Value.ApproximateMessagesCount)
            : (double?)null;
        var drain = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var drained = options.AckOnly;
        while (!drained && drain.Elapsed < _drainLimit)
        {
            var waiting = (await queue.GetPropertiesAsync(stop.Token)).Value.ApproximateMessagesCount;
            drained = waiting == 0;
            if (drained)
            {
                break;
            }

            if (drain.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = drain.Elapsed;
                Console.WriteLine($"  draining: {waiting} deliveries still queued after {drain.Elapsed.TotalSeconds:0} s");
            }

            await Task.Delay(250, stop.Token);
        }

        drain.Stop();
        if (!drained)
        {
            Console.WriteLine($"queue not drained after {_drainLimit.TotalMinutes:0} minutes; the function app's last output:{Environment.NewLine}{app.RecentOutput}");
        }

        var states = options.AckOnly ? null : await RawDeliveryStates.CountAsync(azurite.ConnectionString, settings["Ingestion:RawContainer"], stop.Token);
        var ceilingBody = factory.Create(-1).Body.ToArray();
        var ceiling = (
            Pairs: await RawStorageCeiling.MeasurePairsPerSecondAsync(azurite.ConnectionString, ceilingBody, TimeSpan.FromSeconds(5), 64, stop.Token),
            InlineSends: await RawStorageCeiling.MeasureInlineSendsPerSecondAsync(azurite.ConnectionString, ceilingBody, TimeSpan.FromSeconds(5), 64, stop.Token));
        var floorWebhooks = Enumerable.Range(1_000_000, options.Rate * FloorSeconds).Select(factory.Create).ToArray();
        var (floor, floorFailures) = await AckPathFloor.MeasureAsync(azurite.ConnectionString, floorWebhooks, options.Rate, options.AckAfter == AcknowledgementPoint.Queued, stop.Token);
        PrintTable(options, traffic, total, result, elapsed, latencies, options.AckOnly ? null : drain.Elapsed, (statesAtLoadEnd, states), perMessage, ceiling, (floor, floorFailures), cpuUsed);
        return 0;
    }

    private static async Task<SendResult> SendAtRateAsync(
        HttpClient http, Uri baseAddress, IReadOnlyList<SignedWebhook> deliveries, int first, int count, int rate, int maxInFlight,
        LatencyRecorder? latencies, CancellationToken cancellationToken)
    {
        var ok = 0;
        var failed = 0;
        var refused = 0;
        var serverErrors = 0;
        var skipped = 0;
        var inFlight = 0;
        var tasks = new List<Task>(count);
        var webhooks = deliveries.Skip(first).Take(count).ToArray();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var scheduled = await OpenLoop.WaitForTurnAsync(clock, i, rate, cancellationToken);

            if (Volatile.Read(ref inFlight) >= maxInFlight)
            {
                Interlocked.Increment(ref skipped);
                continue;
            }

            var webhook = webhooks[i];
            Interlocked.Increment(ref inFlight);
            tasks.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        using var request = webhook.ToRequest(baseAddress);
                        using var response = await http.SendAsync(request, cancellationToken);
                        latencies?.Add(scheduled, (clock.Elapsed - scheduled).TotalMilliseconds);
                        if (response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref ok);
                        }
                        else
                        {
                            Interlocked.Increment(ref failed);
                            if ((int)response.StatusCode == 503)
                            {
                                Interlocked.Increment(ref refused);
                            }
                            else if ((int)response.StatusCode >= 500)
                            {
                                Interlocked.Increment(ref serverErrors);
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref failed);
                    }
                    catch (TaskCanceledException)
                    {
                        Interlocked.Increment(ref failed);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                },
                cancellationToken));
        }

        await Task.WhenAll(tasks);
        return new SendResult(ok, failed, skipped, refused, serverErrors);
    }

    private static void PrintTable(IngestBenchmarkOptions options, ChannelMixTraffic traffic, int total, SendResult result, TimeSpan elapsed, LatencyRecorder latencies, TimeSpan? drain, (string? AtLoadEnd, string? Final) states, double? perMessage, (double Pairs, double InlineSends) ceiling,
        (LatencyRecorder Latencies, int Failures) floor, IReadOnlyList<(string Name, TimeSpan Cpu)> cpuUsed)
    {
        static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        var achieved = result.Ok / elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine("| metric | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| target rate | {options.Rate} webhooks/s for {options.Seconds} s ({total} requests){(options.AckOnly ? ", processing off" : ", processing on")}, acknowledged once {options.AckAfter}{(options.ReadyToRun ? ", app published ReadyToRun" : string.Empty)}{string.Concat(options.AppSettings.Select(s => $", {s.Key}={s.Value}"))} |");
        Console.WriteLine($"| traffic | {traffic.Shares()} |");
        Console.WriteLine($"| acknowledged 2xx | {result.Ok} ({achieved.ToString("0", CultureInfo.InvariantCulture)}/s achieved) |");
        Console.WriteLine($"| failed / not sent (in-flight cap {options.MaxInFlight}) | {result.Failed} (503 with Retry-After {result.Refused}, other 5xx {result.ServerErrors}) / {result.Skipped} |");
        Console.WriteLine($"| ack latency p50 | {Ms(latencies.Percentile(50))} ms |");
        Console.WriteLine($"| ack latency p90 | {Ms(latencies.Percentile(90))} ms |");
        Console.WriteLine($"| ack latency p99 | {Ms(latencies.Percentile(99))} ms |");
        Console.WriteLine($"| ack latency max | {Ms(latencies.Percentile(100))} ms |");
        Console.WriteLine($"| ack latency p99, second by second | {string.Join(" ", latencies.PercentilePerSecond(99).Select(value => value.ToString("0", CultureInfo.InvariantCulture)))} ms |");
        Console.WriteLine($"| ack latency max, first 2 s by 100 ms | {string.Join(" ", latencies.PercentilePerSlice(100, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2)).Select(value => value.ToString("0", CultureInfo.InvariantCulture)))} ms |");
        if (drain is { } drained)
        {
            Console.WriteLine($"| queue drained after load | {drained.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s |");
            Console.WriteLine($"| raw deliveries by state when the load ended (warm-up included; bundles not yet spread count as one) | {states.AtLoadEnd} |");
            Console.WriteLine($"| raw deliveries by state (warm-up included) | {states.Final} |");
        }

        if (perMessage is { } ratio)
        {
            Console.WriteLine($"| deliveries per bundle (one queue message each, carrying the bundle or naming its blob; warm-up included) | {ratio.ToString("0.00", CultureInfo.InvariantCulture)} |");
        }

        foreach (var (name, used) in cpuUsed)
        {
            var cores = used.TotalSeconds / elapsed.TotalSeconds;
            var perWebhook = used.TotalMilliseconds / Math.Max(1, result.Ok);
            Console.WriteLine($"| CPU during load: {name} | {cores.ToString("0.00", CultureInfo.InvariantCulture)} cores, {perWebhook.ToString("0.00", CultureInfo.InvariantCulture)} ms per webhook |");
        }

        Console.WriteLine($"| Azurite alone, blob put + queue send, 64 callers (one webhook stored on its own, the path before bundles) | {ceiling.Pairs.ToString("0", CultureInfo.InvariantCulture)}/s |");
        Console.WriteLine($"| Azurite alone, queue send carrying one webhook inline, 64 callers (the path now, before bundles share a send) | {ceiling.InlineSends.ToString("0", CultureInfo.InvariantCulture)}/s |");
        // In Queued mode the floor sends one message per delivery, without the edge's group commit: an upper bound, not a floor.
        // Through the real bundler: a bundle small enough travels inside its queue message, so one send is all an ack waits for.
        const string floorCalls = "the bundler's store: one queue send per bundle that fits a message, else blob put (+ send when acknowledged once queued)";
        Console.WriteLine($"| Azurite alone at {options.Rate}/s for {FloorSeconds} s, the calls an ack waits for ({floorCalls}): p50 / p99 | {Ms(floor.Latencies.Percentile(50))} / {Ms(floor.Latencies.Percentile(99))} ms{(floor.Failures > 0 ? $", {floor.Failures} failed" : string.Empty)} |");
        Console.WriteLine($"| the same, p99 second by second | {string.Join(" ", floor.Latencies.PercentilePerSecond(99).Select(value => value.ToString("0", CultureInfo.InvariantCulture)))} ms |");
        // Drill 6's two goals: the edge alone at 500/s with nothing refused, and with processing on at 300/s no answer but
        // 2xx or 503 and every delivery processed (the drain ended within its limit).
        var goal = options.AckOnly
            ? ("p99 < 50 ms at 500/s, processing off, no failed acknowledgement",
                latencies.Percentile(99) < 50 && options.Rate >= 500 && result.Failed == 0 && result.Skipped == 0)
            : ("p99 < 100 ms at 300/s, processing on, no 5xx but 503, every delivery processed",
                latencies.Percentile(99) < 100 && options.Rate >= 300 && result.Failed == result.Refused && result.Skipped == 0 && drain is not null && drain < _drainLimit);
        Console.WriteLine($"| goal: {goal.Item1} | {(goal.Item2 ? "met" : "not met")} |");
    }

    /// <summary>Failed counts every non-2xx and transport failure; Refused the 503s among them, ServerErrors the other 5xx.</summary>
    private sealed record SendResult(int Ok, int Failed, int Skipped, int Refused, int ServerErrors);
}
