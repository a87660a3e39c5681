using Azure.Storage.Queues;
using ServerlessOps.Durable.Backend;

namespace ServerlessOps.Durable.AzureStorage.Queues;

/// <summary>A queue message this worker holds (hidden from others until its visibility timeout), decoded.</summary>
internal sealed class ReceivedMessage
{
    public required QueueClient Queue { get; init; }

    /// <summary>The queue service's id of the message (stable across redeliveries).</summary>
    public required string QueueMessageId { get; init; }

    /// <summary>Changes on every receive; needed to delete or update the message.</summary>
    public required string PopReceipt { get; set; }

    public required TaskMessage Message { get; init; }

    public required QueueEnvelope Envelope { get; init; }

    public int DequeueCount { get; init; } = 1;

    /// <summary>
    /// An activity response that was never enqueued: it rides on the activity's invocation message, which is
    /// deleted only when the step that consumes the response commits. A crash before that makes the invocation
    /// visible again, the activity runs again (at least once) and sends the same response id, which the
    /// exactly-once rule drops if it was consumed after all. Saves a send and a delete per activity.
    /// </summary>
    public bool RidesOnInvocation { get; init; }

    /// <summary>When this worker got it; used to extend or give up on an out-of-order hold.</summary>
    public DateTimeOffset InsertedOn { get; init; }
}
