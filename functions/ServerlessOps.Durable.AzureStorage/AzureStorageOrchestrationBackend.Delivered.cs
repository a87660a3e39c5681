using System.Text;
using System.Text.Json;
using ServerlessOps.Durable.AzureStorage.Queues;
using ServerlessOps.Durable.Backend;

namespace ServerlessOps.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <inheritdoc />
    /// <remarks>A message with a pop receipt is deleted (or hidden again) by this backend like a polled one;
    /// without one, the queue-triggered host deletes it when the invocation succeeds.</remarks>
    public async Task<WorkItem?> GetWorkItemFromDeliveredMessageAsync(DeliveredQueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = _queues.Find(message.QueueName)
            ?? throw new FormatException($"Queue '{message.QueueName}' is not a queue of task hub '{_names.TaskHub}'.");
        QueueEnvelope envelope;
        TaskMessage taskMessage;
        try
        {
            envelope = QueueMessageCodec.ReadEnvelope(DecodeBody(message.MessageText));
            taskMessage = await _codec.ResolveAsync(envelope, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The message {message.MessageId} on '{message.QueueName}' is not a task message: {ex.Message}", ex);
        }

        var hostOwns = message.PopReceipt is null;
        var received = new ReceivedMessage
        {
            Queue = queue,
            QueueMessageId = message.MessageId,
            PopReceipt = message.PopReceipt ?? string.Empty,
            Envelope = envelope,
            Message = taskMessage,
            DequeueCount = message.DequeueCount,
            InsertedOn = message.InsertedOn ?? _timeProvider.GetUtcNow(),
        };
        if (queue == _queues.WorkItems)
        {
            return ToActivityWorkItem(received, hostOwns);
        }

        var instanceId = taskMessage.Instance.InstanceId;
        if (!_sessions.TryLock(instanceId))
        {
            throw new MessageDeferredException($"Instance {instanceId} is running a step in this process.") { RetryAfter = _options.OutOfOrderRetryDelay };
        }

        var (workItem, deferred) = await PrepareAsync(instanceId, [received], hostOwns, cancellationToken);
        if (workItem is null && deferred is { } retryAfter && hostOwns)
        {
            throw new MessageDeferredException($"The message for instance {instanceId} arrived before the step it answers.") { RetryAfter = retryAfter };
        }

        return workItem;
    }

    /// <summary>The Functions host hands over the stored text, which this backend writes as base64.</summary>
    private static string DecodeBody(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            return trimmed;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException ex)
        {
            throw new JsonException("The message text is neither JSON nor base64.", ex);
        }
    }
}
