using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>The queue between the webhook edge and the processor, and its poison queue.</summary>
public sealed class DeliveryQueues
{
    public DeliveryQueues(QueueServiceClient queueService, IOptions<IngestionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(queueService);
        ArgumentNullException.ThrowIfNull(options);
        Queue = queueService.GetQueueClient(options.Value.QueueName);
        PoisonQueue = queueService.GetQueueClient(options.Value.PoisonQueueName);
    }

    public QueueClient Queue { get; }

    public QueueClient PoisonQueue { get; }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        StorageErrors.TranslateAsync(() => Task.WhenAll(
            Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            PoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Queues one delivery; <paramref name="visibleAfter"/> delays it (a retry's back-off).</summary>
    public Task EnqueueAsync(DeliveryMessage message, TimeSpan? visibleAfter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return StorageErrors.TranslateAsync(() => Queue.SendMessageAsync(message.ToJson(), visibleAfter, cancellationToken: cancellationToken), cancellationToken);
    }

    /// <summary>Queues a bundle of raw deliveries for processing (by its blob's name, or inline).</summary>
    public Task EnqueueAsync(DeliveryBundleMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return EnqueueBundleAsync(message.ToJson(), cancellationToken);
    }

    /// <summary>
    /// Queues a bundle's message already serialised (<see cref="DeliveryBundleMessage.TryInline"/>), so the edge serialises
    /// an inline bundle once to learn both its size and its text.
    /// </summary>
    public Task EnqueueBundleAsync(string messageJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageJson);
        return StorageErrors.TranslateAsync(() => Queue.SendMessageAsync(messageJson, cancellationToken), cancellationToken);
    }
}
