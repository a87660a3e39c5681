using Microsoft.Extensions.Hosting;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Ingestion;

/// <summary>
/// Creates what ingestion writes to before the app takes traffic: the raw container, the queues and (when
/// configured to, i.e. locally) the Cosmos database and containers. Idempotent; in Azure the Bicep template
/// has created them already and these calls are no-ops.
/// </summary>
internal sealed class IngestionInitializer : IHostedLifecycleService
{
    private readonly RawDeliveryStore _raw;
    private readonly DeliveryQueues _queue;
    private readonly ICosmosInitializer _cosmos;

    public IngestionInitializer(RawDeliveryStore raw, DeliveryQueues queue, ICosmosInitializer cosmos)
    {
        _raw = raw;
        _queue = queue;
        _cosmos = cosmos;
    }

    public Task StartingAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_raw.EnsureCreatedAsync(cancellationToken), _queue.EnsureCreatedAsync(cancellationToken), _cosmos.InitializeAsync(cancellationToken));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
