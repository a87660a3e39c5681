using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
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

    /// <summary>
    /// Queues one push, invisible for <paramref name="delay"/> (whole seconds); <see cref="StoreUnavailableException"/> when
    /// unreachable. The receipt lets the sender withdraw it (<see cref="WithdrawAsync"/>).
    /// </summary>
    public async Task<SendReceipt> EnqueueAsync(InventoryPushMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
        var sent = await StorageErrors.TranslateAsync(() => Queue.SendMessageAsync(message.ToJson(), visibility, cancellationToken: cancellationToken), cancellationToken);
        return sent.Value;
    }

    /// <summary>
    /// Deletes a message this process queued and turned out not to need (a duplicate). False when it could not: a worker
    /// already took it (its pop receipt changed) or the queue is unreachable; a duplicate push message is harmless, only
    /// wasted work, so nobody fails over it.
    /// </summary>
    public async Task<bool> WithdrawAsync(SendReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        try
        {
            await StorageErrors.TranslateAsync(() => Queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, cancellationToken), cancellationToken);
            return true;
        }
        catch (Exception e) when (e is RequestFailedException or StoreUnavailableException)
        {
            return false;
        }
    }
}
