using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Durable.AzureStorage.Http;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Tests.Contract;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Durable.AzureStorage.Tests.Backend;

/// <summary>durable-core's backend contract suite against the Azure Storage backend on Azurite, a fresh task hub per test.</summary>
public sealed class AzureStorageBackendContractTests(AzuriteFixture azurite) : BackendContractTests
{
    protected override Task<IOrchestrationBackend> CreateBackendAsync() =>
        Task.FromResult<IOrchestrationBackend>(new AzureStorageOrchestrationBackend(
            TestHub.NewHubName(),
            new AzureStorageTaskHubOptions { ConnectionString = azurite.ConnectionString, MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200) },
            new StorageRequestCounter(),
            TimeProvider.System,
            NullLogger<AzureStorageOrchestrationBackend>.Instance));
}
