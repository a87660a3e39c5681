namespace ServerlessOps.Functions.CustomHandler;

/// <summary>
/// A queue-triggered function. Both drivers call <see cref="HandleAsync"/>: the Functions host through
/// POST /{Name}, and the standalone <see cref="Queues.QueueListenerService"/> when no host is present. Throwing
/// means "not done": the message becomes visible again and is retried, then goes to the poison queue.
/// </summary>
public interface IQueueFunction
{
    string Name { get; }

    string QueueName { get; }

    /// <summary>
    /// Whether the standalone queue listener drives this function when no Functions host is present. False for
    /// the durable task hub's queues: without a host the durable worker polls them itself.
    /// </summary>
    bool ListenWhenStandalone => true;

    Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken);
}
