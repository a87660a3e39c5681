using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Backend.InMemory;

namespace ServerlessOps.Durable.Tests.Contract;

/// <summary>The contract suite against <see cref="InMemoryOrchestrationBackend"/>.</summary>
public sealed class InMemoryBackendContractTests : BackendContractTests
{
    /// <inheritdoc/>
    protected override Task<IOrchestrationBackend> CreateBackendAsync() =>
        Task.FromResult<IOrchestrationBackend>(new InMemoryOrchestrationBackend());
}
