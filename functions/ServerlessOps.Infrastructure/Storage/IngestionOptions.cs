using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>Limits and names of the webhook ingestion path.</summary>
public sealed class IngestionOptions : IValidatableObject
{
    public const string SectionName = "Ingestion";

    /// <summary>Largest webhook body accepted, in bytes. Default 1 MiB (EventBridge sends at most 1 MiB); 1 KiB-8 MiB.</summary>
    [Range(1024, 8 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Blob container holding every raw delivery (body as received, headers in metadata).</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string RawContainer { get; set; } = "raw-deliveries";

    /// <summary>Queue the processor reads accepted deliveries from; its poison queue is this name + "-poison".</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string QueueName { get; set; } = "webhook-deliveries";

    /// <summary>Attempts before a delivery goes to the poison queue (and from there to quarantine). Default 5; 1-20.</summary>
    [Range(1, 20)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>When a webhook is acknowledged: once its raw delivery is stored (default) or once it is queued too.</summary>
    public AcknowledgementPoint AcknowledgeAfter { get; set; } = AcknowledgementPoint.Stored;

    /// <summary>
    /// With <see cref="AcknowledgementPoint.Stored"/>: how many acknowledged deliveries may wait for their queue
    /// send. Beyond it an acknowledgement waits for its own send, so a slow or failing queue slows the edge
    /// instead of filling memory. Default 2,000 (four seconds at 500 webhooks/s); 1-100,000.
    /// </summary>
    [Range(1, 100_000)]
    public int HandOffBacklog { get; set; } = 2000;

    /// <summary>
    /// Deliveries one instance processes at once, across all the queue messages it holds. Bounds the storage
    /// and Cosmos calls processing keeps in flight, so a backlog drains at a steady pace instead of crowding
    /// out the webhook edge. Default 16; 1-256.
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentDeliveries { get; set; } = 16;

    /// <summary>
    /// Deliveries one instance processes at once while its webhook edge is busy (an eighth of the edge's write turns
    /// taken) and for <see cref="EdgeQuietAfter"/> after; then the budget doubles every 0.1 s back to
    /// <see cref="MaxConcurrentDeliveries"/>. The backlog waits on the queue meanwhile and drains once the burst is over.
    /// At least 1, so processing slows but never stops; equal to <see cref="MaxConcurrentDeliveries"/>, processing does
    /// not yield. Default 2; 1-256, at most <see cref="MaxConcurrentDeliveries"/>.
    /// </summary>
    [Range(1, 256)]
    public int ConcurrentDeliveriesWhileEdgeBusy { get; set; } = 2;

    /// <summary>
    /// How long the webhook edge must have been quiet before processing's budget grows back (see
    /// <see cref="ConcurrentDeliveriesWhileEdgeBusy"/>): bridges the gaps within a burst. Default 0.5 s; 0-10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan EdgeQuietAfter { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>
    /// Deliveries the webhook edge is storing at once (each waiting for the bundle that carries it). Past it a webhook
    /// waits up to <see cref="EdgeAdmissionWait"/> for a turn, then gets 503 with Retry-After. Without a bound, a burst at an idle
    /// app put every request's upload on the store at once, the store fell behind, and the edge's timeouts piled up:
    /// p99 4.2-4.4 s with requests that never got an answer (ingest benchmark, four channels, 500/s); with it, the
    /// same burst gives p99 0.7-0.9 s and 503s the channels retry. Default 32; 1-1,024.
    /// </summary>
    [Range(1, 1024)]
    public int EdgeMaxConcurrentWrites { get; set; } = 32;

    /// <summary>
    /// How long a webhook may wait for one of the edge's write turns before it is answered 503. Default 0.5 s;
    /// at most 0.7 s, because the wait and the edge's storage tries (4.24 s at worst) must answer within the 5 s
    /// that Shopify and EventBridge wait.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:00.700")]
    public TimeSpan EdgeAdmissionWait { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>How long a received-but-unprocessed delivery waits before the recovery sweep re-queues it. Default 10 min.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan StrandedAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Accepted clock skew for channels that sign a timestamp (Walmart WM_SEC.TIMESTAMP). Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan SignedTimestampWindow { get; set; } = TimeSpan.FromMinutes(5);

    public string PoisonQueueName => QueueName + "-poison";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ConcurrentDeliveriesWhileEdgeBusy > MaxConcurrentDeliveries)
        {
            yield return new ValidationResult(
                $"Ingestion:ConcurrentDeliveriesWhileEdgeBusy ({ConcurrentDeliveriesWhileEdgeBusy}) must not exceed Ingestion:MaxConcurrentDeliveries ({MaxConcurrentDeliveries}).",
                [nameof(ConcurrentDeliveriesWhileEdgeBusy)]);
        }
    }
}
