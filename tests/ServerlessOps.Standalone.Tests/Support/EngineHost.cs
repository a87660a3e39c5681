using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessOps.Standalone.Durable;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Standalone.Tests.Support;

/// <summary>
/// The standalone engine in this process, wired exactly as an app wires it (<c>AddStandaloneDurableTask</c>), configured
/// by the test project's host.json plus <c>AzureFunctionsJobHost:extensions:durableTask</c> overrides, on Azurite.
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineHost(IHost host, string hubName)
    {
        _host = host;
        HubName = hubName;
    }

    public string HubName { get; }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public DurableTaskSettings Settings => _host.Services.GetRequiredService<DurableTaskSettings>();

    public IServiceProvider Services => _host.Services;

    /// <summary>A task hub name of its own: letters and digits, starting with a letter.</summary>
    public static string NewHubName() => "t" + Guid.NewGuid().ToString("N")[..15];

    /// <summary>The configuration key of a durableTask override, e.g. <c>storageProvider:partitionCount</c>.</summary>
    public static string Override(string key) => DurableTaskSettings.SectionName + ":" + key;

    /// <summary>
    /// Starts a host; <paramref name="overrides"/> are durableTask keys (<c>storageProvider:partitionCount</c>) and values;
    /// <paramref name="storageConnectionString"/> reaches <paramref name="azurite"/> another way (e.g. through a fault proxy).
    /// </summary>
    public static async Task<EngineHost> StartAsync(
        AzuriteFixture azurite,
        string hubName,
        Action<DurableTaskRegistry> registerTasks,
        IEnumerable<KeyValuePair<string, string>>? overrides = null,
        Action<IServiceCollection>? configureServices = null,
        string logPrefix = "engine",
        string? storageConnectionString = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Another route to the same Azurite (a fault proxy) when given.
            ["AzureWebJobsStorage"] = storageConnectionString ?? azurite.ConnectionString,
            ["TestTaskHub"] = hubName,
        });
        builder.Configuration.AddInMemoryCollection((overrides ?? []).Select(o => KeyValuePair.Create(Override(o.Key), (string?)o.Value)));
        builder.Logging.AddProvider(new TestOutputLoggerProvider(logPrefix));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("ServerlessOps", LogLevel.Information);
        if (Environment.GetEnvironmentVariable("SO_ENGINE_LOG") is not null)
        {
            // Debugging a scenario: the engine's own trace, written to that file (TestOutputLoggerProvider).
            builder.Logging.AddFilter("DurableTask", LogLevel.Trace);
        }

        builder.Services.AddStandaloneDurableTask(builder.Configuration, registerTasks);
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(Deadline.Token());
        return new EngineHost(host, hubName);
    }

    /// <summary>Stops the engine, letting running work finish (releasing its partitions to other hosts).</summary>
    public async Task StopAsync() => await _host.StopAsync(Deadline.Token());

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            _host.Dispose();
        }
    }
}
