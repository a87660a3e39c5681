using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>Limits and names of the webhook ingestion path.</summary>
public sealed class IngestionOptions
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

    /// <summary>How long a received-but-unprocessed delivery waits before the recovery sweep re-queues it. Default 10 min.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan StrandedAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Accepted clock skew for channels that sign a timestamp (Walmart WM_SEC.TIMESTAMP). Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan SignedTimestampWindow { get; set; } = TimeSpan.FromMinutes(5);

    public string PoisonQueueName => QueueName + "-poison";
}
