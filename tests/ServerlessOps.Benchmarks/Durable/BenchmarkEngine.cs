using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Standalone.Durable;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>
/// One standalone engine on a fresh task hub, wired as the app wires it, its storage requests counted; plus an
/// observer client on separate, uncounted storage clients, so waiting for results costs the measured engine nothing.
/// </summary>
internal sealed class BenchmarkEngine : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _folder;

    private BenchmarkEngine(IHost host, string folder, StorageRequestCounter counter, DurableTaskClient observer)
    {
        _host = host;
        _folder = folder;
        Counter = counter;
        Observer = observer;
    }

    /// <summary>The app's client: schedules and raises events (counted, as they are part of the work).</summary>
    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Reads instances for the benchmark itself (not counted).</summary>
    public DurableTaskClient Observer { get; }

    public StorageRequestCounter Counter { get; }

    public static async Task<BenchmarkEngine> StartAsync(AzuriteFixture azurite, EngineVariant variant, Action<DurableTaskRegistry> tasks, CancellationToken cancellationToken)
    {
        var hub = "bench" + Guid.NewGuid().ToString("N")[..12];
        var folder = Path.Combine(Path.GetTempPath(), "so-bench-" + hub);
        Directory.CreateDirectory(folder);
        var hostJson = Path.Combine(folder, "host.json");
        await File.WriteAllTextAsync(hostJson, """{ "version": "2.0", "extensions": { "durableTask": { "hubName": "%BenchHub%" } } }""", cancellationToken);

        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["BenchHub"] = hub,
        };
        foreach (var (key, value) in variant.Settings)
        {
            settings[DurableTaskSettings.SectionName + ":" + key] = value;
        }

        var counter = new StorageRequestCounter(azurite);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        }).SetMinimumLevel(LogLevel.Warning);
        if (Environment.GetEnvironmentVariable("SO_BENCH_ENGINE_LOG") is { } category)
        {
            builder.Logging.AddFilter(category, LogLevel.Information);
        }

        builder.Services.AddStandaloneDurableTask(builder.Configuration, tasks, hostJson);
        builder.Services.ConfigureStandaloneDurableStorageClients(options => options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);

        var read = DurableTaskSettingsReader.Read(builder.Configuration, hostJson);
        var observerEngine = new AzureStorageOrchestrationService(AzureStorageEngineSettings.Create(read, builder.Configuration, NullLoggerFactory.Instance));
        var observer = new OrchestrationServiceDurableTaskClient(read, observerEngine, JsonDataConverter.Default, TimeProvider.System);
        return new BenchmarkEngine(host, folder, counter, observer);
    }

    public async ValueTask DisposeAsync()
    {
        // The host forces the engine's stop after its 30 s shutdown timeout; allow for that and the forced stop.
        await _host.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90));
        _host.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
