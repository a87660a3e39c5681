using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Durable.AzureStorage.Http;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Durable.AzureStorage.Tests;

/// <summary>A task hub of its own on the shared Azurite; each <see cref="NewBackend"/> acts as another worker process.</summary>
internal sealed class TestHub : IAsyncDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly Action<AzureStorageTaskHubOptions>? _configure;

    private TestHub(AzuriteFixture azurite, string name, Action<AzureStorageTaskHubOptions>? configure)
    {
        _azurite = azurite;
        _configure = configure;
        Name = name;
        Backend = NewBackend();
    }

    public string Name { get; }

    public StorageRequestCounter Counter { get; } = new();

    public AzureStorageOrchestrationBackend Backend { get; }

    public static string NewHubName() => "t" + Guid.NewGuid().ToString("N")[..20];

    public static async Task<TestHub> CreateAsync(AzuriteFixture azurite, Action<AzureStorageTaskHubOptions>? configure = null)
    {
        var hub = new TestHub(azurite, NewHubName(), configure);
        await hub.Backend.CreateTaskHubAsync(TestContext.Current.CancellationToken);
        return hub;
    }

    public AzureStorageTaskHubOptions Options()
    {
        var options = new AzureStorageTaskHubOptions { ConnectionString = _azurite.ConnectionString };
        _configure?.Invoke(options);
        return options;
    }

    public AzureStorageOrchestrationBackend NewBackend(TimeProvider? timeProvider = null) =>
        new(Name, Options(), Counter, timeProvider ?? TimeProvider.System, NullLogger<AzureStorageOrchestrationBackend>.Instance);

    public async ValueTask DisposeAsync() => await Backend.DeleteTaskHubAsync(CancellationToken.None);
}
