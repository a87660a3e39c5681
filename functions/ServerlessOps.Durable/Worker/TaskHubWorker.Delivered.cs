using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Logging;

namespace ServerlessOps.Durable.Worker;

/// <summary>The queue-trigger entry point: process one message a host already dequeued.</summary>
public sealed partial class TaskHubWorker
{
    /// <summary>
    /// Processes one message that a host (an Azure Functions queue trigger on a control queue or the
    /// work-item queue) already dequeued, with the same code the polling loops run: an orchestration step for
    /// the message's instance (together with its other pending messages) or one activity invocation. Works
    /// whether or not polling is enabled. Not capped by the concurrency options: the host's batch size caps it.
    /// </summary>
    /// <param name="message">The delivered message.</param>
    /// <param name="cancellationToken">The invocation's cancellation token.</param>
    /// <returns><see cref="WorkItemOutcome.Completed"/> or <see cref="WorkItemOutcome.Ignored"/>: the host may delete the message.</returns>
    /// <exception cref="MessageDeferredException">The message could not be processed now (instance busy,
    /// ETag conflict, error, shutdown): fail the invocation so the host redelivers it.</exception>
    /// <exception cref="FormatException">The text is not a task message of this hub (poison).</exception>
    public async Task<WorkItemOutcome> ProcessDeliveredMessageAsync(DeliveredQueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var workItem = await _backend.GetWorkItemFromDeliveredMessageAsync(message, cancellationToken);
        if (workItem is null)
        {
            _logger.DeliveredMessageIgnored(message.MessageId, message.QueueName);
            return WorkItemOutcome.Ignored;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
        var work = ProcessAsync(workItem, linked.Token);
        Track(work);
        var outcome = await work;
        if (outcome == WorkItemOutcome.Abandoned)
        {
            throw new MessageDeferredException($"Message '{message.MessageId}' from '{message.QueueName}' was abandoned and must be redelivered.")
            {
                RetryAfter = TimeSpan.FromSeconds(1),
            };
        }

        return outcome;
    }
}
