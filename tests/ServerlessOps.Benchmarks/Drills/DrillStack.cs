using ServerlessOps.Testing.BadInput;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Benchmarks.Drills;

/// <summary>
/// What the access and bad-input drills run on: Azurite, the Cosmos server and a stub marketplace holding the samples'
/// orders, all on loopback, and the function app as its own process on them with <see cref="Accounts"/>' settings (channel
/// base URLs at the stub). Each drill adds its own settings before the app starts. Disposed in reverse order of start.
/// </summary>
internal sealed class DrillStack : IAsyncDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly CosmosServerFixture _cosmos;
    private FunctionAppProcess? _app;

    private DrillStack(AzuriteFixture azurite, CosmosServerFixture cosmos, Marketplace marketplace)
    {
        _azurite = azurite;
        _cosmos = cosmos;
        Marketplace = marketplace;
    }

    /// <summary>The drills' brand and accounts: Walmart's webhooks signed, so its signature check is exercised.</summary>
    public static ScenarioAccounts Accounts { get; } = ScenarioAccounts.Default with { WalmartAuthMethod = WalmartAuthMethod.Signature };

    public Marketplace Marketplace { get; }

    public FunctionAppProcess App => _app ?? throw new InvalidOperationException("The app has not started.");

    /// <param name="configure">Adds or overrides the drill's own settings before the app starts (given the stub marketplace).</param>
    /// <param name="onOutputLine">Receives every line the app writes (null: only <see cref="FunctionAppProcess.RecentOutput"/> keeps it).</param>
    public static async Task<DrillStack> StartAsync(Action<Dictionary<string, string>, Marketplace> configure, Action<string>? onOutputLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var azurite = await AzuriteFixture.StartAsync(cancellationToken);
        CosmosServerFixture? cosmos = null;
        Marketplace? marketplace = null;
        try
        {
            cosmos = await CosmosServerFixture.StartAsync(cancellationToken);
            marketplace = await Marketplace.StartAsync(cancellationToken);
            var stack = new DrillStack(azurite, cosmos, marketplace);
            Accounts.ExpectCredentials(marketplace);
            BadInputStubOrders.Put(marketplace);
            var settings = LocalStackSettings.For(azurite, cosmos, LocalStackSettings.NewRunId());
            foreach (var (key, value) in Accounts.ToConfiguration(marketplace.BaseUrl))
            {
                settings[key] = value ?? string.Empty;
            }

            // As the test fixture: a failed attempt comes back after 10 s instead of the production minutes, so retries,
            // poison handling and quarantine finish within the drill.
            settings["Queues:VisibilityTimeout"] = "00:00:10";
            configure(settings, marketplace);
            stack._app = await FunctionAppProcess.StartAsync(settings, onOutputLine, cancellationToken);
            return stack;
        }
        catch
        {
            await DisposeAsync(marketplace, cosmos, azurite);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeAsync(_app, Marketplace, _cosmos, _azurite);
    }

    private static async Task DisposeAsync(params IAsyncDisposable?[] started)
    {
        foreach (var part in started)
        {
            if (part is not null)
            {
                await part.DisposeAsync();
            }
        }
    }
}
