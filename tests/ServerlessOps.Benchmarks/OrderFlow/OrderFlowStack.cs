using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// The local stack as the quick start runs it, fresh for one rate: Azurite and the Cosmos server on free loopback
/// ports, the stub marketplace as every channel's order API and push target, and the function app as its own
/// process with the scenario brand's accounts, its stock imported (<see cref="StockImport"/>).
/// </summary>
internal sealed class OrderFlowStack : IAsyncDisposable
{
    private FunctionAppProcess? _app;

    private OrderFlowStack(AzuriteFixture azurite, CosmosServerFixture cosmos, Marketplace marketplace, Dictionary<string, string> settings)
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

    public FunctionAppProcess App => _app ?? throw new InvalidOperationException("The app was stopped.");

    public string TaskHub => Settings["DurableTaskHubName"];

    public string DatabaseName => Settings["Cosmos:DatabaseName"];

    public static Task<OrderFlowStack> StartAsync(CancellationToken cancellationToken) => StartAsync(null, cancellationToken);

    /// <param name="overrides">Settings that differ from the benchmark's (a drill's shorter sweep, say).</param>
    public static async Task<OrderFlowStack> StartAsync(IReadOnlyDictionary<string, string>? overrides, CancellationToken cancellationToken)
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
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var stack = new OrderFlowStack(azurite, cosmos, marketplace, settings);
        stack._app = await FunctionAppProcess.StartAsync(settings, cancellationToken);
        return stack;
    }

    /// <summary>Stops the app, so the raw rates that follow measure the emulators and an engine alone.</summary>
    /// <summary>SIGKILL the app (no shutdown hooks, as in a crash) and start it again on the same stores and task hub.</summary>
    public async Task KillAndRestartAppAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            _app = null;
            app.Kill();
            await app.DisposeAsync();
        }

        _app = await FunctionAppProcess.StartAsync(Settings, cancellationToken);
    }

    public async Task StopAppAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        await Marketplace.DisposeAsync();
        await Cosmos.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
