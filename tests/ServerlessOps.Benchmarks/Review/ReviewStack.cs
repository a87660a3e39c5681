using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Benchmarks.Review;

/// <summary>
/// The local stack as the quick start runs it: Azurite and the Cosmos server on free loopback ports and the function app
/// as its own process (the real Durable engine on Azurite). <see cref="RestartAppAsync"/> gives the review a fresh
/// process, so the peak memory read from it afterwards is the review's, not the imports'.
/// </summary>
internal sealed class ReviewStack : IAsyncDisposable
{
    private FunctionAppProcess? _app;

    private ReviewStack(AzuriteFixture azurite, CosmosServerFixture cosmos, Dictionary<string, string> settings)
    {
        Azurite = azurite;
        Cosmos = cosmos;
        Settings = settings;
    }

    public AzuriteFixture Azurite { get; }

    public CosmosServerFixture Cosmos { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public FunctionAppProcess App => _app ?? throw new InvalidOperationException("The app is not running.");

    public string DatabaseName => Settings["Cosmos:DatabaseName"];

    public static async Task<ReviewStack> StartAsync(CancellationToken cancellationToken)
    {
        var azurite = await AzuriteFixture.StartAsync(cancellationToken);
        var cosmos = await CosmosServerFixture.StartAsync(cancellationToken);
        var settings = LocalStackSettings.For(azurite, cosmos, LocalStackSettings.NewRunId());
        settings["Logging:LogLevel:Default"] = "Warning";

        // The machine is shared (load averages far above its 2 cores were seen): a page of a million-line window can take longer than the SDK's 6 s.
        settings["Cosmos:RequestTimeoutSeconds"] = "60";

        // The benchmark's monthly files are larger than the quick start's; the host here takes them (the default is the Functions host's 100 MiB).
        settings["ReviewImport:MaxImportBytes"] = (512 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The hourly tick would start the month's review on its own while the history is still being imported (it did, in
        // the first 1,000,000-line run: the benchmark then found a review finished over a partial import). Only the
        // benchmark's own start runs it.
        settings["MonthlyReview:TimersEnabled"] = "false";
        var stack = new ReviewStack(azurite, cosmos, settings);
        stack._app = await FunctionAppProcess.StartAsync(settings, cancellationToken);
        return stack;
    }

    public HttpClient CreateApiClient()
    {
        var http = new HttpClient { BaseAddress = App.BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Add(LocalStackSettings.ApiKeyHeader, LocalStackSettings.ApiKey);
        return http;
    }

    public async Task RestartAppAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync();
        }

        _app = await FunctionAppProcess.StartAsync(Settings, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync();
        }

        await Cosmos.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
