using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <inheritdoc cref="ICosmosInitializer"/>
internal sealed class CosmosInitializer(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<CosmosInitializer> logger)
    : ICosmosInitializer, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_done)
            {
                return;
            }

            if (!options.Value.CreateIfMissing)
            {
                logger.ProvisioningSkipped(containers.DatabaseName);
            }
            else
            {
                var operation = new CosmosOperation("ensure-created", "(all containers)", "-");
                try
                {
                    await CosmosContainers.EnsureCreatedAsync(containers.Client, containers.DatabaseName, cancellationToken);
                }
                catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, logger, cancellationToken, out var translated))
                {
                    throw translated;
                }

                logger.ContainersEnsured(containers.DatabaseName, CosmosContainers.AllNames.Count);
            }

            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
