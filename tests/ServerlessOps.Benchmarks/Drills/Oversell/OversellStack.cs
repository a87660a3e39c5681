using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Benchmarks.Drills.Oversell;

/// <summary>
/// One Azurite, one Cosmos server and the stub marketplace on loopback, and one or two function app processes with the
/// same settings: one task hub, one Cosmos database, one set of queues, each app on its own port, as two instances
/// of the app behind a load balancer.
/// </summary>
internal sealed class OversellStack : IAsyncDisposable
{
    private readonly List<FunctionAppProcess> _apps = [];

    private OversellStack(AzuriteFixture azurite, CosmosServerFixture cosmos, Marketplace marketplace, Dictionary<string, string> settings)
    {
        Azurite = azurite;
        Cosmos = cosmos;
        Marketplace = marketplace;
        Settings = settings;
    }

    public AzuriteFixture Azurite { get; }

    public CosmosServerFixture Cosmos { get; }

    public Marketplace Marketplace { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public IReadOnlyList<FunctionAppProcess> Apps => _apps;

    public string TaskHub => Settings["DurableTaskHubName"];

    public static async Task<OversellStack> StartAsync(int apps, CancellationToken cancellationToken)
    {
        var azurite = await AzuriteFixture.StartAsync(cancellationToken);
        var cosmos = await CosmosServerFixture.StartAsync(cancellationToken);
        var marketplace = await Marketplace.StartAsync(cancellationToken);
        var settings = LocalStackSettings.For(azurite, cosmos, LocalStackSettings.NewRunId());
        foreach (var (key, value) in ScenarioAccounts.Default.ToConfiguration(marketplace.BaseUrl))
        {
            settings[key] = value ?? string.Empty;
        }

        settings["Logging:LogLevel:Default"] = "Warning";

        // The partition manager's pass every 2 s instead of 10 s, so the second app takes its share of the hub's
        // control queues before the orders arrive instead of a minute into them; leases still last 30 s.
        settings["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionLeaseAcquireInterval"] = "00:00:02";

        var stack = new OversellStack(azurite, cosmos, marketplace, settings);
        try
        {
            // One after the other: the first creates the database, containers, queues and the task hub.
            for (var i = 0; i < apps; i++)
            {
                stack._apps.Add(await FunctionAppProcess.StartAsync(settings, cancellationToken));
            }
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }

        return stack;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        _apps.Clear();
        await Marketplace.DisposeAsync();
        await Cosmos.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
