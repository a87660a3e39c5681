using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.Faults;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Benchmarks.Drills.Throttle;

/// <summary>
/// The local stack of the order-flow benchmark (Azurite, the Cosmos server, the stub marketplace as every channel's API,
/// the app as its own process) with a <see cref="FaultProxy"/> between the app and each store: the app's storage and
/// Cosmos connection strings name the proxies, the drill's audit reads the stores themselves.
/// </summary>
internal sealed class ThrottleStack : IAsyncDisposable
{
    private ThrottleStack(AzuriteFixture azurite, CosmosServerFixture cosmos, Marketplace marketplace, StorageFaultProxies storage, FaultProxy cosmosProxy, Dictionary<string, string> settings)
    {
        Azurite = azurite;
        Cosmos = cosmos;
        Marketplace = marketplace;
        StorageProxies = storage;
        CosmosProxy = cosmosProxy;
        Settings = settings;
    }

    public AzuriteFixture Azurite { get; }

    public CosmosServerFixture Cosmos { get; }

    public Marketplace Marketplace { get; }

    public StorageFaultProxies StorageProxies { get; }

    public FaultProxy CosmosProxy { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public FunctionAppProcess App { get; private set; } = null!;

    public string TaskHub => Settings["DurableTaskHubName"];

    public string DatabaseName => Settings["Cosmos:DatabaseName"];

    /// <summary>What the app logged (Warning and above: the stack logs nothing below).</summary>
    public AppLogTally Log { get; } = new();

    public static async Task<ThrottleStack> StartAsync(ThrottleDrillOptions options, CancellationToken cancellationToken)
    {
        var azurite = await AzuriteFixture.StartAsync(cancellationToken);
        var cosmos = await CosmosServerFixture.StartAsync(cancellationToken);
        var marketplace = await Marketplace.StartAsync(cancellationToken);
        var storage = await StorageFaultProxies.StartAsync(azurite, options.Seed, cancellationToken);
        var cosmosProxy = await FaultProxy.StartAsync(cosmos.Endpoint, FaultDialect.Cosmos, options.Seed + 3, cancellationToken);
        var settings = LocalStackSettings.For(azurite, cosmos, LocalStackSettings.NewRunId());
        foreach (var (key, value) in ScenarioAccounts.Default.ToConfiguration(marketplace.BaseUrl))
        {
            settings[key] = value ?? string.Empty;
        }

        // The stub accounts leave Amazon unpaced; --pace-amazon runs the production setting (usage-plan tokens per seller).
        settings["Channels:PaceAmazonUsagePlans"] = options.PaceAmazon ? "true" : "false";
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Storage:ConnectionString"] = storage.ConnectionString;
        settings["AzureWebJobsStorage"] = storage.ConnectionString;
        settings["Cosmos:ConnectionString"] = $"AccountEndpoint={cosmosProxy.Endpoint};AccountKey={CosmosServerFixture.AccountKey};";

        // A delivery's retry budget is MaxDequeueCount (5) queue attempts, each its channel call's own retries: with the
        // production 30 s between attempts an Amazon outage takes 2.5 minutes to exhaust it; 15 s keeps the drill short.
        settings["Queues:VisibilityTimeout"] = "00:00:15";

        // An acknowledged delivery whose queue hand-off failed under the storage faults waits for the stranded-delivery
        // sweep (every 5 minutes); production waits 10 minutes before re-queuing it, the drill one (as drill-kill).
        settings["Ingestion:StrandedAfter"] = "00:01:00";

        // The drill counts calls to the failing channel after its work has been dead-lettered: timers that call the
        // channels on their own (the quarter-hourly backstop, the drift repair) would add calls the drill did not cause.
        settings["Backstop:TimerEnabled"] = "false";
        settings["Drift:TimerEnabled"] = "false";

        var stack = new ThrottleStack(azurite, cosmos, marketplace, storage, cosmosProxy, settings);
        stack.App = await FunctionAppProcess.StartAsync(settings, stack.Log.Add, cancellationToken);
        return stack;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await CosmosProxy.DisposeAsync();
        await StorageProxies.DisposeAsync();
        await Marketplace.DisposeAsync();
        await Cosmos.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
