using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessOps.Durable.AzureStorage.Http;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.Orchestration;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Durable.AzureStorage.Tests.Scenarios;

/// <summary>A started host with the durable runtime on the Azure Storage backend (Azurite), fast polling, and a client.</summary>
internal sealed class AzureTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private AzureTestHost(IHost host, string taskHub)
    {
        _host = host;
        TaskHub = taskHub;
    }

    public string TaskHub { get; }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public AzureStorageOrchestrationBackend Backend => _host.Services.GetRequiredService<AzureStorageOrchestrationBackend>();

    public StorageRequestCounter Counter => _host.Services.GetRequiredService<StorageRequestCounter>();

    public static async Task<AzureTestHost> StartAsync(
        AzuriteFixture azurite,
        Action<DurableTaskRegistry> tasks,
        string? taskHub = null,
        Action<AzureStorageTaskHubOptions>? storage = null,
        Action<DurableTaskOptions>? options = null)
    {
        var hub = taskHub ?? TestHub.NewHubName();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("SO_TEST_LOG") is { Length: > 0 } level)
        {
            // Diagnosing a failing test: SO_TEST_LOG=Debug dotnet test ... prints the runtime's logs.
            builder.Logging.AddSimpleConsole().SetMinimumLevel(Enum.Parse<LogLevel>(level));
        }
        builder.Services.AddDurableTask(durable => durable
            .AddTasks(tasks)
            .Configure(o =>
            {
                o.TaskHubName = hub;
                o.MinPollingInterval = TimeSpan.FromMilliseconds(1);
                o.MaxPollingInterval = TimeSpan.FromMilliseconds(50);
                o.ShutdownTimeout = TimeSpan.FromSeconds(5);
                options?.Invoke(o);
            })
            .AddAzureStorageTaskHub(o =>
            {
                o.ConnectionString = azurite.ConnectionString;
                o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
                storage?.Invoke(o);
            }));
        var host = builder.Build();
        // The worker creates the hub in the background; a client call right after start must not race it.
        await host.Services.GetRequiredService<AzureStorageOrchestrationBackend>().CreateTaskHubAsync(TestContext.Current.CancellationToken);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new AzureTestHost(host, hub);
    }

    /// <summary>Starts <paramref name="name"/> and waits (with a deadline) for it to finish.</summary>
    public async Task<OrchestrationMetadata> RunAsync(string name, object? input = null, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId), TestContext.Current.CancellationToken);
        return await WaitAsync(id);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, TimeSpan? within = null)
    {
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, Deadline.Token(within));
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            // Say where it got stuck: the status and the history so far.
            var status = await Client.GetInstanceAsync(instanceId, false, CancellationToken.None);
            var history = await Client.GetOrchestrationHistoryAsync(instanceId, CancellationToken.None);
            throw new TimeoutException(
                $"Instance {instanceId} did not finish: status {status?.RuntimeStatus}, history " +
                string.Join(", ", history.Select(e => e.GetType().Name.Replace("Event", string.Empty, StringComparison.Ordinal) + (e.EventId >= 0 ? "#" + e.EventId : string.Empty))));
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the instance, or fails after the deadline.</summary>
    public Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, TimeSpan? within = null) =>
        Deadline.UntilAsync(
            async ct => await Client.GetInstanceAsync(instanceId, true, ct) is { } m && condition(m) ? m : null,
            $"instance {instanceId} to reach the expected state",
            within);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
