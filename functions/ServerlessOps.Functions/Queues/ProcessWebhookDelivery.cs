using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessOps.Functions.OrderFlow;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Standalone.Queues;

namespace ServerlessOps.Functions.Queues;

/// <summary>
/// Queue trigger on <c>webhook-deliveries</c> (<c>Ingestion:QueueName</c>): processes the accepted deliveries a
/// message carries (a bundle the webhook edge stored, inside the message or in a blob, or deliveries in their own blobs) into the source of truth. A failing delivery of a batch is re-queued alone; throwing leaves the
/// whole message to the queue's retries and, past <c>maxDequeueCount</c>, its poison queue.
/// </summary>
public sealed class ProcessWebhookDelivery : IQueueFunction
{
    private readonly DeliveryBatchProcessor _processor;
    private readonly TimeSpan _retryDelay;

    public ProcessWebhookDelivery(DeliveryBatchProcessor processor, IOptions<IngestionOptions> options, IOptions<QueueListenerOptions> queues)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(queues);
        _processor = processor;
        QueueName = options.Value.QueueName;

        // The same back-off a failed message gets from the queue (host.json visibilityTimeout).
        _retryDelay = queues.Value.VisibilityTimeout;
    }

    public string Name => nameof(ProcessWebhookDelivery);

    public string QueueName { get; }

    [Function(nameof(ProcessWebhookDelivery))]
    public Task RunAsync(
        [QueueTrigger("%Ingestion:QueueName%", Connection = "Storage")] string message, long dequeueCount, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        DurableClientScope.RunAsync(client, () => HandleAsync(message, dequeueCount, cancellationToken));

    public Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken) =>
        DeliveryBundleMessage.TryParse(message, out var bundle)
            ? _processor.ProcessAsync(bundle!, _retryDelay, cancellationToken)
            : _processor.ProcessAsync(DeliveryMessageBatch.Parse(message), _retryDelay, cancellationToken);
}
