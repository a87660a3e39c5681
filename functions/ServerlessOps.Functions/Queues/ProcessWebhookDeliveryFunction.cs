using Microsoft.Extensions.Options;
using ServerlessOps.Functions.CustomHandler;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Queues;

/// <summary>Queue trigger on <c>webhook-deliveries</c>: processes the accepted deliveries a message carries into the source of truth.</summary>
public sealed class ProcessWebhookDeliveryFunction : IQueueFunction
{
    public const string FunctionName = "ProcessWebhookDelivery";

    private readonly DeliveryBatchProcessor _processor;
    private readonly TimeSpan _retryDelay;

    public ProcessWebhookDeliveryFunction(DeliveryBatchProcessor processor, IOptions<IngestionOptions> options, IOptions<QueueListenerOptions> queues)
    {
        _processor = processor;
        QueueName = options.Value.QueueName;

        // The same back-off a failed message gets from the queue (host.json visibilityTimeout).
        _retryDelay = queues.Value.VisibilityTimeout;
    }

    public string Name => FunctionName;

    public string QueueName { get; }

    public Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken) =>
        _processor.ProcessAsync(DeliveryMessageBatch.Parse(message), _retryDelay, cancellationToken);
}
