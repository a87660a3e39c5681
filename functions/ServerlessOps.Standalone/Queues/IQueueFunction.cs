namespace ServerlessOps.Standalone.Queues;

/// <summary>
/// A queue-triggered function as the standalone host drives it. Under the Functions host a one-line
/// <c>[QueueTrigger]</c> wrapper calls the same <see cref="HandleAsync"/>; here <see cref="QueueListenerService"/>
/// does what the host's queue trigger does. Throwing means "not done": the message becomes visible again and is
/// retried, then moves to the poison queue.
/// </summary>
public interface IQueueFunction
{
    /// <summary>The function name, equal to the wrapper's <c>[Function]</c> name.</summary>
    string Name { get; }

    /// <summary>The queue the function listens on, resolved from configuration as the host resolves <c>%Setting%</c>.</summary>
    string QueueName { get; }

    /// <param name="message">The message text (the queues use base64 encoding, as the Functions queue trigger expects).</param>
    /// <param name="dequeueCount">1 on the first delivery of the message.</param>
    Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken);
}
