using System.Text;
using System.Text.Json;
using ServerlessOps.Durable.AzureStorage.Payloads;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.AzureStorage.Queues;

/// <summary>Turns task messages into queue bodies and back, offloading large ones to blobs.</summary>
internal sealed class QueueMessageCodec(LargePayloadStore payloads)
{
    public async Task<string> EncodeAsync(TaskMessage message, DateTime? deliverAt, CancellationToken cancellationToken)
    {
        var envelope = new QueueEnvelope { Id = message.MessageId, InstanceId = message.Instance.InstanceId, Message = message, DeliverAt = deliverAt };
        var body = JsonSerializer.Serialize(envelope, HistoryJson.Options);
        if (Encoding.UTF8.GetByteCount(body) <= LargePayloadStore.MaxQueueMessageBytes)
        {
            return body;
        }

        var blobName = await payloads.UploadAsync(
            message.Instance.InstanceId, "message", JsonSerializer.Serialize(message, HistoryJson.Options), cancellationToken);
        return JsonSerializer.Serialize(envelope with { Message = null, BlobName = blobName }, HistoryJson.Options);
    }

    public static QueueEnvelope ReadEnvelope(string body) =>
        JsonSerializer.Deserialize<QueueEnvelope>(body, HistoryJson.Options)
        ?? throw new JsonException("Queue message body was 'null'.");

    public async Task<TaskMessage> ResolveAsync(QueueEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Message is { } inline)
        {
            return inline;
        }

        if (envelope.BlobName is null)
        {
            throw new JsonException($"Queue message {envelope.Id} carries neither a message nor a blob name.");
        }

        var json = await payloads.DownloadAsync(envelope.BlobName, cancellationToken);
        return JsonSerializer.Deserialize<TaskMessage>(json, HistoryJson.Options)
            ?? throw new JsonException($"Offloaded message {envelope.Id} was 'null'.");
    }
}
