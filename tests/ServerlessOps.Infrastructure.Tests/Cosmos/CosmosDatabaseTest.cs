using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

/// <summary>
/// Base of the store tests: a database of its own per test class (named after the class, plus a random
/// suffix), provisioned by <see cref="CosmosContainers.EnsureCreatedAsync"/> through a client the app's own
/// <see cref="CosmosClientFactory"/> built, and deleted afterwards.
/// </summary>
public abstract class CosmosDatabaseTest(CosmosServerFixture cosmos) : IAsyncLifetime
{
    private CosmosClient? _client;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected CosmosServerFixture Cosmos { get; } = cosmos;

    protected CosmosContainers Containers { get; private set; } = null!;

    /// <summary>Options of this class's database; <see cref="CosmosOptions.QueryPageSize"/> and <see cref="CosmosOptions.StreamPageSize"/> are small so paging is exercised.</summary>
    protected IOptions<CosmosOptions> Options { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        var options = new CosmosOptions
        {
            ConnectionString = Cosmos.ConnectionString,
            AcceptEmulatorCertificate = true,
            CreateIfMissing = true,
            DatabaseName = $"{GetType().Name}-{Guid.NewGuid():N}",
            QueryPageSize = 2,
            StreamPageSize = 2,
        };
        Options = Microsoft.Extensions.Options.Options.Create(options);
        _client = CosmosClientFactory.Create(options);
        Containers = new CosmosContainers(_client, options.DatabaseName);
        await new CosmosInitializer(Containers, Options, NullLogger<CosmosInitializer>.Instance).InitializeAsync(Token);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try
            {
                await _client.GetDatabase(Containers.DatabaseName).DeleteAsync(cancellationToken: CancellationToken.None);
            }
            finally
            {
                _client.Dispose();
            }
        }

        GC.SuppressFinalize(this);
    }
}
