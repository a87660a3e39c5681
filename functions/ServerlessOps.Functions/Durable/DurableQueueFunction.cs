using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Worker;
using ServerlessOps.Functions.CustomHandler;

namespace ServerlessOps.Functions.Durable;

/// <summary>
/// A queue trigger on one of the task hub's queues (a control queue or the work-item queue). Under the
/// Functions host, the host dequeues and this hands the message to the durable worker, which runs the same
/// step its own polling loop would; the host deletes the message when the step committed. Without a host the
/// worker polls these queues itself, so the standalone listener leaves them alone.
/// </summary>
public sealed class DurableQueueFunction : IQueueFunction
{
    private readonly TaskHubWorker _worker;

    public DurableQueueFunction(string name, string queueName, TaskHubWorker worker)
    {
        Name = name;
        QueueName = queueName;
        _worker = worker;
    }

    public string Name { get; }

    public string QueueName { get; }

    public bool ListenWhenStandalone => false;

    public async Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken)
    {
        await _worker.ProcessDeliveredMessageAsync(
            new DeliveredQueueMessage
            {
                QueueName = QueueName,
                MessageId = $"{QueueName}:{dequeueCount}:{message.GetHashCode(StringComparison.Ordinal)}",
                MessageText = message,
                DequeueCount = (int)Math.Min(dequeueCount, int.MaxValue),
            },
            cancellationToken);
    }
}
