using Microsoft.Extensions.Options;
using ServerlessOps.Functions.CustomHandler;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Queues;

/// <summary>Queue trigger on <c>webhook-deliveries</c>: processes one accepted delivery into the source of truth.</summary>
public sealed class ProcessWebhookDeliveryFunction : IQueueFunction
{
    public const string FunctionName = "ProcessWebhookDelivery";

    private readonly DeliveryProcessor _processor;

    public ProcessWebhookDeliveryFunction(DeliveryProcessor processor, IOptions<IngestionOptions> options)
    {
        _processor = processor;
        QueueName = options.Value.QueueName;
    }

    public string Name => FunctionName;

    public string QueueName { get; }

    public Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken) =>
        _processor.ProcessAsync(DeliveryMessage.Parse(message), cancellationToken);
}
