using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>The queue between a dirty listing and its push (<see cref="InventoryPushOptions.QueueName"/>).</summary>
public sealed class InventoryPushHandOff
{
    public InventoryPushHandOff(QueueServiceClient queueService, IOptions<InventoryPushOptions> options)
    {
        ArgumentNullException.ThrowIfNull(queueService);
        ArgumentNullException.ThrowIfNull(options);
        Queue = queueService.GetQueueClient(options.Value.QueueName);
    }

    public QueueClient Queue { get; }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        StorageErrors.TranslateAsync(() => Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken), cancellationToken);

    /// <summary>Queues one push, invisible for <paramref name="delay"/> (whole seconds); <see cref="StoreUnavailableException"/> when unreachable.</summary>
    public Task EnqueueAsync(InventoryPushMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
        return StorageErrors.TranslateAsync(() => Queue.SendMessageAsync(message.ToJson(), visibility, cancellationToken: cancellationToken), cancellationToken);
    }
}
