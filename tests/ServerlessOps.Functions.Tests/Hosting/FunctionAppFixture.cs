using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Hosting;

/// <summary>
/// The emulators and the stub marketplace, started once for the assembly (in parallel) and stopped at its end.
/// Tests build their own <see cref="FunctionAppFactory"/> from <see cref="Settings"/> with a fresh run id.
/// </summary>
public sealed class FunctionAppFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private readonly CosmosServerFixture _cosmos = new();
    private Marketplace? _marketplace;

    public AzuriteFixture Azurite => _azurite;

    public CosmosServerFixture Cosmos => _cosmos;

    /// <summary>Shared by every test: put orders under ids unique to the test. Never inject faults here (use <see cref="StartPrivateMarketplaceAsync"/>).</summary>
    public Marketplace Marketplace => _marketplace ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async ValueTask InitializeAsync()
    {
        var marketplace = Marketplace.StartAsync(TestContext.Current.CancellationToken);
        await Task.WhenAll(_azurite.InitializeAsync().AsTask(), _cosmos.InitializeAsync().AsTask(), marketplace);
        _marketplace = await marketplace;
        ScenarioAccounts.Default.ExpectCredentials(_marketplace);
    }

    public async ValueTask DisposeAsync()
    {
        if (_marketplace is not null)
        {
            await _marketplace.DisposeAsync();
        }

        await _cosmos.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    /// <summary>A stub of the tests' own, for fault injection (faults are per channel, so they must not leak into other tests).</summary>
    public static async Task<Marketplace> StartPrivateMarketplaceAsync(ScenarioAccounts? accounts = null)
    {
        var marketplace = await Marketplace.StartAsync(TestContext.Current.CancellationToken);
        (accounts ?? ScenarioAccounts.Default).ExpectCredentials(marketplace);
        return marketplace;
    }

    /// <summary>
    /// Settings for one app: unique storage and database names for <paramref name="runId"/>, the brand accounts,
    /// channel base URLs at the stub, fast queue polling, then <paramref name="overrides"/> on top.
    /// </summary>
    public Dictionary<string, string> Settings(
        string runId,
        ScenarioAccounts? accounts = null,
        IReadOnlyDictionary<string, string>? overrides = null,
        Marketplace? marketplace = null,
        AzuriteFixture? azurite = null)
    {
        var settings = LocalStackSettings.For(azurite ?? _azurite, _cosmos, runId);
        foreach (var (key, value) in (accounts ?? ScenarioAccounts.Default).ToConfiguration((marketplace ?? Marketplace).BaseUrl))
        {
            settings[key] = value ?? string.Empty;
        }

        // A failed attempt reappears after this; short so retries and poison handling finish within a test.
        settings["Queues:VisibilityTimeout"] = "00:00:10";

        // One retry with a short back-off keeps a failing channel call from stalling a test.
        foreach (var channel in new[] { "Amazon", "Walmart", "TikTokShop" })
        {
            settings[$"Channels:{channel}:RetryBaseDelayMilliseconds"] = "50";
            settings[$"Channels:{channel}:MaxRetries"] = "1";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>An in-process app on <see cref="Settings"/>; dispose it at the end of the test.</summary>
    public FunctionAppFactory CreateApp(
        string? runId = null,
        ScenarioAccounts? accounts = null,
        IReadOnlyDictionary<string, string>? overrides = null,
        Marketplace? marketplace = null) =>
        new(Settings(runId ?? LocalStackSettings.NewRunId(), accounts, overrides, marketplace));
}
