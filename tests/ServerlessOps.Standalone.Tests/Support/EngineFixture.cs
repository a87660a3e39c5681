using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Standalone.Tests.Support;

/// <summary>
/// One engine per test class on a task hub of its own (the engine takes seconds to start, so it is shared by the
/// class's tests, which use distinct instance ids).
/// </summary>
public abstract class EngineFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    private EngineHost? _host;

    internal EngineHost Host => _host ?? throw new InvalidOperationException("The engine is not started.");

    public DurableTaskClient Client => Host.Client;

    public AzuriteFixture Azurite => azurite;

    /// <summary>durableTask overrides for this class's hub, e.g. <c>storageProvider:partitionCount</c> = 1.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> DurableTaskOverrides => [];

    public async ValueTask InitializeAsync() =>
        _host = await EngineHost.StartAsync(azurite, EngineHost.NewHubName(), Register, DurableTaskOverrides, ConfigureServices);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract void Register(DurableTaskRegistry registry);

    /// <summary>Services the class's activities depend on.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}
