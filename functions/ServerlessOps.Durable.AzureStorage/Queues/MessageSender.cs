using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ServerlessOps.Durable.Backend;

namespace ServerlessOps.Durable.AzureStorage.Queues;

/// <summary>
/// Sends task messages. A message may be sent hidden (a visibility delay): for a timer or a delayed start
/// that is the due time, capped at <see cref="AzureStorageTaskHubOptions.MaxMessageDelay"/> and re-armed on
/// receipt; for local dispatch it is the lock this worker keeps while it processes the message itself.
/// </summary>
internal sealed class MessageSender(QueueMessageCodec codec, AzureStorageTaskHubOptions options, TimeProvider timeProvider)
{
    /// <summary>Messages never expire: a timer may wait longer than the queue's default 7-day time to live.</summary>
    private static readonly TimeSpan NeverExpire = TimeSpan.FromSeconds(-1);

    /// <summary>Sends a message to be visible not before <paramref name="dueAt"/> (null: at once).</summary>
    public async Task SendDueAsync(QueueClient queue, TaskMessage message, DateTime? dueAt, CancellationToken cancellationToken)
    {
        var delay = dueAt is { } due ? due - timeProvider.GetUtcNow().UtcDateTime : TimeSpan.Zero;
        DateTime? rearmAt = null;
        if (delay > options.MaxMessageDelay)
        {
            delay = options.MaxMessageDelay;
            rearmAt = dueAt;
        }

        var body = await codec.EncodeAsync(message, rearmAt, cancellationToken);
        await queue.SendMessageAsync(body, delay > TimeSpan.Zero ? WholeSecondsUp(delay) : null, NeverExpire, cancellationToken);
    }

    /// <summary>The queue service counts visibility in whole seconds and the SDK truncates: round up so a
    /// timer is never visible before it is due (it may be up to a second late).</summary>
    public static TimeSpan WholeSecondsUp(TimeSpan delay) => TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));

    /// <summary>Sends a message hidden for <paramref name="lockFor"/> and returns it as held by this worker,
    /// which processes it without waiting for a poll; after a crash it reappears when the lock runs out.</summary>
    public async Task<ReceivedMessage> SendLockedAsync(QueueClient queue, TaskMessage message, TimeSpan lockFor, CancellationToken cancellationToken)
    {
        var body = await codec.EncodeAsync(message, null, cancellationToken);
        SendReceipt receipt = await queue.SendMessageAsync(body, lockFor, NeverExpire, cancellationToken);
        return new ReceivedMessage
        {
            Queue = queue,
            QueueMessageId = receipt.MessageId,
            PopReceipt = receipt.PopReceipt,
            Message = message,
            Envelope = new QueueEnvelope { Id = message.MessageId, InstanceId = message.Instance.InstanceId },
            InsertedOn = receipt.InsertionTime,
        };
    }
}
