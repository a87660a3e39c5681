using System.Diagnostics;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Simulator;

/// <summary>
/// The quick start: real emulators on free loopback ports, the function app as its own process, a stub
/// marketplace for the order APIs, and a realistic stream of signed webhooks from all four channels
/// (duplicates and out-of-order deliveries included) sent over HTTP. Then it reads back, through the app's
/// APIs, what landed, and checks every order converged on its channel's newest version; then the backstop recovers an
/// order whose webhook was never sent, and a TikTok Shop account is connected by OAuth and its token refreshed.
/// </summary>
internal static class DemoRun
{
    private static readonly TimeSpan ProcessingDeadline = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Console.WriteLine("ServerlessOps quick start: local stack on 127.0.0.1");
        await NodeModules.EnsureInstalledAsync(cancellationToken);
        await using var azurite = await AzuriteFixture.StartAsync(cancellationToken);
        Console.WriteLine($"  Azurite        blob {azurite.BlobPort}, queue {azurite.QueuePort}, table {azurite.TablePort}");
        await using var cosmos = await CosmosServerFixture.StartAsync(cancellationToken);
        Console.WriteLine($"  Cosmos server  {cosmos.Endpoint}");
        await using var marketplace = await Marketplace.StartAsync(cancellationToken);
        Console.WriteLine($"  Marketplace    {marketplace.BaseUrl} (stub of the four channels' order APIs and order lists)");

        var scenario = MarketplaceScenario.Build(new MarketplaceScenarioOptions { OrdersPerChannel = options.OrdersPerChannel });
        var settings = LocalStackSettings.For(azurite, cosmos, LocalStackSettings.NewRunId());
        foreach (var (key, value) in scenario.Configuration(marketplace.BaseUrl))
        {
            settings[key] = value ?? string.Empty;
        }

        foreach (var (key, value) in BackstopDemo.Settings.Concat(ConnectionDemo.Settings(marketplace.BaseUrl)).Concat(DriftDemo.Settings).Concat(SettlementDemo.Settings))
        {
            settings[key] = value;
        }

        settings["Logging:LogLevel:Default"] = "Warning";
        await using var app = await FunctionAppProcess.StartAsync(settings, cancellationToken);
        Console.WriteLine($"  Function app   {app.BaseAddress} (pid {app.ProcessId}), started in {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine();

        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var api = new ReadApiClient(http, scenario.Accounts.BrandId, LocalStackSettings.ApiKey);
        await AlertsDemo.ConfigureBrandAsync(http, scenario.Accounts.BrandId, cancellationToken);
        var imports = await StockDemo.ImportAsync(http, scenario.Accounts.BrandId, cancellationToken);
        Console.WriteLine($"Sending {scenario.Steps.Count} signed webhooks ({scenario.DuplicateDeliveries} duplicates, {scenario.OutOfOrderDeliveries} out of order) ...");
        var sent = await scenario.SendAsync(http, app.BaseAddress, marketplace, cancellationToken);
        using var unsigned = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var events = await WaitForProcessingAsync(api, scenario.DistinctDeliveries, cancellationToken);
        var edge = await EdgeChecks.RunAsync(unsigned, scenario.Accounts, cancellationToken);
        var report = await DemoReport.BuildAsync(scenario, sent, events, api, cancellationToken);
        report.Print(Console.Out);
        var backstop = await BackstopDemo.RunAsync(http, marketplace, scenario.Accounts, cancellationToken);
        backstop.Print(Console.Out);
        var connection = await ConnectionDemo.RunAsync(http, marketplace, scenario.Accounts, cancellationToken);
        connection.Print(Console.Out);
        var stock = await StockDemo.CheckAsync(http, api, scenario.Accounts.BrandId, imports, DateOnly.FromDateTime(scenario.Options.Start.UtcDateTime), cancellationToken);
        stock.Print(Console.Out);
        var pushes = await PushDemo.CheckAsync(http, marketplace, scenario.Accounts, stock.LedgerChanges, cancellationToken);
        pushes.Print(Console.Out);
        var drift = await DriftDemo.RunAsync(http, marketplace, scenario.Accounts, cancellationToken);
        drift.Print(Console.Out);
        var settlements = await SettlementDemo.RunAsync(http, api, marketplace, scenario.Accounts.BrandId, DateOnly.FromDateTime(scenario.Options.Start.UtcDateTime), cancellationToken);
        settlements.Print(Console.Out);
        var alerts = await AlertsDemo.CheckAsync(http, scenario.Accounts.BrandId, cancellationToken);
        alerts.Print(Console.Out);
        var review = await ReviewDemo.RunAsync(http, cancellationToken);
        review.Print(Console.Out);
        Console.WriteLine();
        Console.WriteLine("Wrong calls and what the edge answered (problem+json)");
        foreach (var (name, expected, actual) in edge)
        {
            Console.WriteLine($"  {(expected == actual ? "ok  " : "FAIL")} {actual} {name} (expected {expected})");
        }

        Console.WriteLine();
        Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.0} s.");

        if (options.KeepServing)
        {
            Console.WriteLine($"Serving at {app.BaseAddress}. Ctrl+C stops. Try:");
            Console.WriteLine($"  curl -s {app.BaseAddress}openapi/v1.json");
            Console.WriteLine($"  curl -s -H '{LocalStackSettings.ApiKeyHeader}: {LocalStackSettings.ApiKey}' '{app.BaseAddress}api/brands/{scenario.Accounts.BrandId}/orders?day={DateTime.UtcNow:yyyy-MM-dd}'");
            Console.WriteLine($"  curl -s -H '{LocalStackSettings.ApiKeyHeader}: {LocalStackSettings.ApiKey}' '{app.BaseAddress}api/brands/{scenario.Accounts.BrandId}/quarantine?state=open'");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C.
            }
        }

        return report.AllConverged && backstop.Recovered && connection.Succeeded && stock.AllAddUp && pushes.ChannelsHoldTheTruth && drift.Repaired && settlements.Reconciled && alerts.Raised && review.Succeeded && edge.All(e => e.Expected == e.Actual) ? 0 : 1;
    }

    /// <summary>Polls the event log until every distinct delivery has an outcome (or the deadline passes).</summary>
    private static async Task<IReadOnlyList<ChannelEvent>> WaitForProcessingAsync(ReadApiClient api, int expected, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var events = (await api.ChannelEventsAsync(today, cancellationToken))
                .Concat(await api.ChannelEventsAsync(today.AddDays(-1), cancellationToken))
                .ToList();
            var done = events.Count(e => e.Outcome != DeliveryOutcome.Received);
            if (done >= expected || deadline.Elapsed > ProcessingDeadline)
            {
                if (done < expected)
                {
                    Console.WriteLine($"  only {done} of {expected} deliveries processed after {ProcessingDeadline.TotalSeconds} s");
                }

                return events;
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}
