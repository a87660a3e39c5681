using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Azure.Storage.Queues;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Infrastructure.Push;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Infrastructure.Telemetry;
using ServerlessOps.Standalone.Timers;
using ServerlessOps.Testing.Bicep;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.Faults;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Telemetry;

namespace ServerlessOps.Functions.Tests.Hosting;

/// <summary>
/// Issue 18 drill 8 end to end, short of Azure itself: the app on Azurite and the Cosmos server exports through the real
/// Azure Monitor exporter (the one AddTelemetry registers, given an ingestion endpoint on loopback) while every operator
/// signal is produced the way production produces it: a poison message, an unreadable authentic delivery, a forged one,
/// a storage outage under a webhook (503), Cosmos throttling past the SDK's retries (429), and the three timers that
/// sample or set gauges. What the exporter sent is then held against every alert rule's KQL as the compiled Bicep carries
/// it: the metric name each rule filters on, every customDimensions key it reads, and that counters go out as per-export
/// deltas (the rules sum valueSum) while gauges go out as their sampled value on every export (the rules take
/// valueMax/valueMin or count rows).
/// </summary>
[Collection(ProcessWideMetrics.Name)]
public sealed class OperatorSignalsExportTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryAlertRule_FindsItsMetricAndEveryDimensionItReads_InWhatTheAzureMonitorExporterSent()
    {
        var rules = await OperatorAlertRule.LoadAsync(Token);
        await using var ingestion = await IngestionStub.StartAsync(Token);
        await using var storage = await StorageFaultProxies.StartAsync(fixture.Azurite, cancellationToken: Token);
        await using var cosmos = await FaultProxy.StartAsync(fixture.Cosmos.Endpoint, FaultDialect.Cosmos, cancellationToken: Token);
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff(new Dictionary<string, string>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ingestion.ConnectionString,
            ["Storage:ConnectionString"] = storage.ConnectionString,
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["Cosmos:ConnectionString"] = $"AccountEndpoint={cosmos.Endpoint};AccountKey={CosmosServerFixture.AccountKey};",

            // Every 429 reaches the app's own code, so each is counted once.
            ["Cosmos:MaxRetryAttemptsOnRateLimit"] = "0",
        }));
        using var signals = new SignalListener(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var brand = ScenarioAccounts.Default.BrandId;
        var shopify = SalesChannel.Shopify.Slug();

        // Gauges: a poison message, an authentic delivery the edge cannot read (kept in quarantine), then the three timers.
        var poison = app.Services.GetRequiredService<QueueServiceClient>()
            .GetQueueClient(app.Services.GetRequiredService<IOptions<InventoryPushOptions>>().Value.QueueName + "-poison");
        await poison.CreateIfNotExistsAsync(cancellationToken: Token);
        await poison.SendMessageAsync("{\"brandId\":\"acme\"}", Token);
        using (var unreadable = await app.Client.SendAsync(Deliveries.Shopify(Deliveries.Utf8("{\"id\": 1, \"line_items\": ["), "orders/create")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        }

        foreach (var timer in new[] { nameof(SampleOperatorSignals), nameof(FindStuckOrderFlows), nameof(RunMissedWebhookBackstop) })
        {
            await app.Services.GetServices<ITimerFunction>().Single(t => t.Name == timer).RunAsync(Token);
        }

        // Counters: one forged delivery (401), one while storage fails every request (5xx), reads while Cosmos throttles (429).
        using (var forged = await app.Client.SendAsync(Deliveries.Shopify(
            Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create", accounts: ScenarioAccounts.Default with { ShopifySecret = "forged-shopify-secret-5150" })))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        storage.SetFaults(new FaultMix(1, [503]));
        HttpStatusCode outage;
        using (var during = await app.Client.SendAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-cancelled.json"), "orders/cancelled")))
        {
            outage = during.StatusCode;
        }

        storage.SetFaults(FaultMix.None);
        Assert.True((int)outage >= 500, $"the webhook during the storage outage was answered {(int)outage}");

        cosmos.SetFaults(new FaultMix(1, [429], TimeSpan.FromMilliseconds(50)));
        using (var throttled = await app.Client.Http.GetAsync(new Uri($"api/brands/{brand}/orders/shopify:export-probe", UriKind.Relative), Token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, throttled.StatusCode);
        }

        cosmos.SetFaults(FaultMix.None);
        var faulted429 = cosmos.Figures.Faulted.GetValueOrDefault(429);

        // Two exports: counters must not repeat in the second (deltas), gauges must (their sample is still fresh).
        var meters = app.Services.GetRequiredService<MeterProvider>();
        Assert.True(meters.ForceFlush(30_000), "the metric export did not finish");
        var firstExport = ExportedMetricPoint.From(ingestion.Items).Count;
        Assert.True(meters.ForceFlush(30_000), "the second metric export did not finish");
        var exported = ExportedMetricPoint.From(ingestion.Items);
        var second = exported.Skip(firstExport).ToList();
        var sent = string.Join("\n", exported.Where(p => p.Name.StartsWith("serverlessops.", StringComparison.Ordinal)));
        Assert.All(ingestion.Requests, r => Assert.Equal("/v2.1/track", r.Path));

        // Each operator point is one measurement (a value, no count/min/max): one customMetrics row per series per export,
        // whose valueSum, valueMin and valueMax are all that value and whose valueCount is 1.
        var operatorPoints = exported.Where(p => OperatorSignalNames.All.Contains(p.Name, StringComparer.Ordinal)).ToList();
        Assert.All(operatorPoints, p => Assert.Equal(["name", "value"], p.DataPoint.Select(f => f.Key).Order(StringComparer.Ordinal)));

        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            var points = exported.Where(p => p.Name == rule.Metric).ToList();
            Assert.True(points.Count > 0, $"rule {rule.Name} filters on name == \"{rule.Metric}\", which the exporter never sent. Sent:\n{sent}");
            foreach (var dimension in rule.Dimensions)
            {
                Assert.True(
                    points.All(p => p.Properties.TryGetValue(dimension, out var value) && value.Length > 0),
                    $"rule {rule.Name} reads customDimensions[\"{dimension}\"], missing from a point of {rule.Metric}. Sent:\n{sent}");
            }
        }

        // Counters: the sum of what was sent is exactly what happened, so sum(valueSum) over a window counts events once.
        Assert.Equal(1, Sum(exported, OperatorSignalNames.WebhookUnauthorized, ("channel", shopify)));
        Assert.Equal(1, Sum(exported, OperatorSignalNames.WebhookServerErrors, ("channel", shopify), ("status", ((int)outage).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        // The app's own reads during the window (the test's, and the registry's change-feed poll when it falls inside) are
        // each counted once; the SDK's metadata reads the proxy also throttled do not pass the app's request handlers.
        Assert.True(faulted429 >= 1, "the Cosmos proxy throttled nothing");
        Assert.InRange(signals.Counter(OperatorSignalNames.CosmosThrottled), 1, faulted429);
        Assert.Equal(signals.Counter(OperatorSignalNames.CosmosThrottled), Sum(exported, OperatorSignalNames.CosmosThrottled));
        Assert.DoesNotContain(second, p => p.Name is OperatorSignalNames.WebhookUnauthorized or OperatorSignalNames.WebhookServerErrors or OperatorSignalNames.CosmosThrottled);

        // Gauges: the sampled value, sent again by the second export, so max(valueMax) and count() see it in any window.
        Assert.Equal([1.0], Values(second, OperatorSignalNames.PoisonQueueDepth, ("queue", poison.Name)));
        Assert.Equal([1.0], Values(second, OperatorSignalNames.QuarantineOpen, ("brand", brand)));
        Assert.Equal([0.0], Values(second, OperatorSignalNames.OrderFlowsStuck, ("brand", brand)));
        Assert.Equal([0.0], Values(second, OperatorSignalNames.WebhooksStopped, ("brand", brand), ("channel", shopify), ("account", ScenarioAccounts.Default.AccountId(SalesChannel.Shopify))));
        var deliveriesPoison = app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.PoisonQueueName;
        Assert.Equal([0.0], Values(second, OperatorSignalNames.PoisonQueueDepth, ("queue", deliveriesPoison)));
        Assert.Equal(
            app.Services.GetRequiredService<TaskHubQueueNames>().Names.Order(StringComparer.Ordinal),
            second.Where(p => p.Name == OperatorSignalNames.TaskHubBacklog).Select(p => p.Properties["queue"]).Order(StringComparer.Ordinal));
        Assert.Contains(second, p => p.Name == OperatorSignalNames.OrchestrationsFailed);

        TestContext.Current.SendDiagnosticMessage($"exported operator points:\n{sent}");
    }

    private static double Sum(IEnumerable<ExportedMetricPoint> points, string name, params (string Key, string Value)[] tags) =>
        Matching(points, name, tags).Sum(p => p.Value);

    private static List<double> Values(IEnumerable<ExportedMetricPoint> points, string name, params (string Key, string Value)[] tags) =>
        [.. Matching(points, name, tags).Select(p => p.Value)];

    private static IEnumerable<ExportedMetricPoint> Matching(IEnumerable<ExportedMetricPoint> points, string name, (string Key, string Value)[] tags) =>
        points.Where(p => p.Name == name && tags.All(t => p.Properties.TryGetValue(t.Key, out var v) && v == t.Value));
}
