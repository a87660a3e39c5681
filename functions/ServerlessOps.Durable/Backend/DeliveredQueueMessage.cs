namespace ServerlessOps.Durable.Backend;

/// <summary>
/// A queue message some host already dequeued (an Azure Functions queue trigger), handed to the runtime so
/// it runs the same step a polling worker would. Field names follow the queue trigger's metadata.
/// </summary>
public sealed record DeliveredQueueMessage
{
    /// <summary>The queue it came from (a control queue or the work-item queue of the task hub).</summary>
    public required string QueueName { get; init; }

    /// <summary>The queue's message id.</summary>
    public required string MessageId { get; init; }

    /// <summary>The pop receipt that allows deleting or updating the message; null when the host keeps it.</summary>
    public string? PopReceipt { get; init; }

    /// <summary>The message body exactly as stored in the queue.</summary>
    public required string MessageText { get; init; }

    /// <summary>How many times the queue delivered it.</summary>
    public int DequeueCount { get; init; } = 1;

    /// <summary>When it was enqueued, if known.</summary>
    public DateTimeOffset? InsertedOn { get; init; }
}
