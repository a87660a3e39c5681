using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>The queue between a raise and the notification sender (<see cref="AlertOptions.QueueName"/>).</summary>
public sealed class AlertNotificationHandOff
{
    public AlertNotificationHandOff(QueueServiceClient queueService, IOptions<AlertOptions> options)
    {
        ArgumentNullException.ThrowIfNull(queueService);
        ArgumentNullException.ThrowIfNull(options);
        Queue = queueService.GetQueueClient(options.Value.QueueName);
    }

    public QueueClient Queue { get; }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        StorageErrors.TranslateAsync(() => Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken), cancellationToken);

    /// <summary>Queues one hand-off; <see cref="StoreUnavailableException"/> when the queue cannot be reached.</summary>
    public Task EnqueueAsync(AlertNotificationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return StorageErrors.TranslateAsync(() => Queue.SendMessageAsync(message.ToJson(), cancellationToken), cancellationToken);
    }
}
