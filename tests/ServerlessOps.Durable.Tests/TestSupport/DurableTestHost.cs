using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Backend.InMemory;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.Orchestration;
using ServerlessOps.Durable.Worker;

namespace ServerlessOps.Durable.Tests.TestSupport;

/// <summary>A started host with the durable runtime on an in-memory backend, fast polling, and a client.</summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private DurableTestHost(IHost host)
    {
        _host = host;
    }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public IOrchestrationBackend Backend => _host.Services.GetRequiredService<IOrchestrationBackend>();

    public TaskHubWorker Worker => _host.Services.GetRequiredService<TaskHubWorker>();

    public IServiceProvider Services => _host.Services;

    public static async Task<DurableTestHost> StartAsync(
        Action<DurableTaskRegistry> tasks,
        Action<IServiceCollection>? services = null,
        Action<DurableTaskOptions>? options = null,
        IOrchestrationBackend? backend = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTask(durable =>
        {
            durable.AddTasks(tasks);
            if (backend is null)
            {
                durable.UseInMemoryBackend();
            }
            else
            {
                durable.UseBackend(_ => backend);
            }

            durable.Configure(o =>
            {
                o.MinPollingInterval = TimeSpan.FromMilliseconds(1);
                o.MaxPollingInterval = TimeSpan.FromMilliseconds(20);
                o.ShutdownTimeout = TimeSpan.FromSeconds(5);
                options?.Invoke(o);
            });
        });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new DurableTestHost(host);
    }

    /// <summary>Starts <paramref name="name"/> and waits (with a deadline) for it to finish.</summary>
    public async Task<OrchestrationMetadata> RunAsync(string name, object? input = null, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId), TestContext.Current.CancellationToken);
        return await WaitAsync(id);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var deadline = Deadline();
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, deadline.Token);
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the instance, or fails after the deadline.</summary>
    public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition)
    {
        using var deadline = Deadline();
        while (true)
        {
            var metadata = await Client.GetInstanceAsync(instanceId, true, deadline.Token);
            if (metadata is not null && condition(metadata))
            {
                return metadata;
            }

            await Task.Delay(5, deadline.Token);
        }
    }

    /// <summary>Polls until the instance's history contains an event matching <paramref name="condition"/>.</summary>
    public async Task WaitForHistoryAsync(string instanceId, Func<ServerlessOps.Durable.History.HistoryEvent, bool> condition)
    {
        using var deadline = Deadline();
        while (!(await Backend.GetOrchestrationHistoryAsync(instanceId, deadline.Token)).Any(condition))
        {
            await Task.Delay(5, deadline.Token);
        }
    }

    public static CancellationTokenSource Deadline(int seconds = 30)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        return cts;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    /// <summary>A backend that counts nothing and changes nothing: the in-memory one, exposed for tests that need its helpers.</summary>
    public InMemoryOrchestrationBackend InMemory => (InMemoryOrchestrationBackend)Backend;
}
