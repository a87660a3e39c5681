using System.ComponentModel.DataAnnotations;
using Azure.Core;

namespace ServerlessOps.Durable.AzureStorage;

/// <summary>
/// Settings of the Azure Storage backend, bound from <c>Durable:AzureStorage</c>. Give either
/// <see cref="ConnectionString"/> (Azurite, or a key-based account) or the three service URIs, which then
/// use <see cref="Credential"/> (or a managed identity / <c>DefaultAzureCredential</c>) for identity-based access.
/// </summary>
public sealed class AzureStorageTaskHubOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Durable:AzureStorage";

    /// <summary>Storage connection string. Default none; <c>UseDevelopmentStorage=true</c> works with a local Azurite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Table service URI, e.g. <c>https://acct.table.core.windows.net</c>; used when no connection string is set.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Queue service URI, e.g. <c>https://acct.queue.core.windows.net</c>.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Blob service URI, e.g. <c>https://acct.blob.core.windows.net</c>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty uses <c>DefaultAzureCredential</c>. Only with the URIs.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Credential for the service URIs, set in code (not bound from configuration). Overrides <see cref="ManagedIdentityClientId"/>.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>Control queues that instances hash onto (FNV-1a of the instance id). Default 4; 1-16, as in the DF Storage provider.
    /// Changing it for an existing task hub strands messages on the old queues.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>Messages fetched per queue receive call. Default 32, the queue service maximum; 1-32.</summary>
    [Range(1, 32)]
    public int ReceiveBatchSize { get; set; } = 32;

    /// <summary>How long a received control-queue message stays hidden from other workers while this one
    /// processes it; after a crash, the time before another worker sees it. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a received activity message stays hidden; an activity running longer may run twice
    /// (activities are at least once). Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "07:00:00:00")]
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Delay after which a message for an instance whose start is not yet visible is looked at again. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan OutOfOrderRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay put on one queue message; later timers are re-armed in steps of this. Default 6 days
    /// (the queue service allows 7).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxMessageDelay { get; set; } = TimeSpan.FromDays(6);

    /// <summary>Longest pause between receives of an idle queue (each empty receive doubles the pause, from 25 ms).
    /// Bounds the latency of messages from other processes and the request rate when idle. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages this worker holds locally (received or self-dispatched, not yet handed out) above which it
    /// stops receiving and sends its own messages visible for other workers. Default 1000.</summary>
    [Range(32, 100_000)]
    public int MaxBufferedMessages { get; set; } = 1000;

    /// <summary>Instances whose history this worker keeps in memory between steps (saves a table read per step;
    /// the ETag check catches a stale copy). Default 1000; 0 disables.</summary>
    [Range(0, 1_000_000)]
    public int HistoryCacheSize { get; set; } = 1000;

    /// <summary>Hand messages this worker sends to itself (activities, their results, timers) straight to its
    /// own dispatcher instead of waiting for the next queue poll. The message is still in the queue, hidden
    /// for the visibility timeout, so a crash loses nothing. Default true.</summary>
    public bool LocalDispatch { get; set; } = true;
}
