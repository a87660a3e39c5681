using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// The Durable Functions settings the standalone host reads, under the names Azure uses: host.json's
/// <c>extensions.durableTask</c>, overridden by app settings <c>AzureFunctionsJobHost__extensions__durableTask__…</c>.
/// Defaults are the Durable Functions extension's (v3.x, Azure Storage provider, Dedicated/Premium plan values).
/// Built by <see cref="DurableTaskSettingsReader"/>, which also validates the ranges below.
/// </summary>
/// <remarks>
/// Each property names its host.json key. Keys the extension accepts but that change nothing here (tracing,
/// notifications, HTTP settings, entity tuning) are read and ignored; keys for features this host does not offer
/// (another storage provider, a separate tracking store, orchestration versioning) fail at start, so a local run never
/// behaves differently from Azure without saying so. README.md lists them.
/// </remarks>
public sealed class DurableTaskSettings
{
    /// <summary>The configuration section that overrides host.json's <c>extensions.durableTask</c> (the Functions host's own prefix).</summary>
    public const string SectionName = "AzureFunctionsJobHost:extensions:durableTask";

    /// <summary>The connection the Durable Functions extension uses when host.json names none.</summary>
    public const string DefaultConnectionName = "AzureWebJobsStorage";

    /// <summary>
    /// <c>hubName</c>: the task hub, the prefix of every queue, table and blob container the engine uses. Default: the
    /// <c>WEBSITE_SITE_NAME</c> setting reduced to letters and digits, else <c>TestHubName</c> (as the extension does).
    /// 3 to 45 letters and digits, starting with a letter. Two apps on one storage account need different hubs.
    /// </summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "must be 3 to 45 letters and digits, starting with a letter")]
    public string HubName { get; set; } = "TestHubName";

    /// <summary>
    /// <c>storageProvider.connectionName</c> (alias <c>connectionStringName</c>): the name of the setting holding the
    /// storage connection, either a connection string or, for an identity-based connection,
    /// <c>{name}__accountName</c> or <c>{name}__blobServiceUri</c>/<c>__queueServiceUri</c>/<c>__tableServiceUri</c>,
    /// with <c>{name}__credential=managedidentity</c> and <c>{name}__clientId</c>. Default <c>AzureWebJobsStorage</c>.
    /// </summary>
    [Required]
    public string ConnectionName { get; set; } = DefaultConnectionName;

    /// <summary><c>storageProvider.partitionCount</c>: control queues (partitions) of a new task hub; fixed once the hub exists. Default 4; 1 to 16.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary><c>storageProvider.controlQueueBatchSize</c>: messages fetched from a control queue per request. Default 32; 1 to 32 (the queue service's limit).</summary>
    [Range(1, 32)]
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary><c>storageProvider.controlQueueBufferThreshold</c>: control-queue messages a worker holds in memory before it stops fetching. Default 256; 1 to 1000.</summary>
    [Range(1, 1000)]
    public int ControlQueueBufferThreshold { get; set; } = 256;

    /// <summary>
    /// <c>storageProvider.controlQueueVisibilityTimeout</c>: how long a fetched orchestration message stays hidden, so
    /// also how long a crashed worker's orchestration messages wait before another worker sees them. Default 5 min.
    /// The extension in Azure accepts 1 to 60 min; this host also accepts down to 1 s so a test that kills a process
    /// recovers in seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>storageProvider.workItemQueueVisibilityTimeout</c>: how long a fetched activity message stays hidden (a running
    /// activity renews it); after a crash, the delay before another worker retries the activity. Default 5 min; 1 s to 7 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>storageProvider.maxQueuePollingInterval</c>: the longest pause between polls of an idle queue (polling backs
    /// off to it), so the worst extra latency of a message to an idle app and the main cost of an idle worker.
    /// Default 30 s; 1 ms to 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>storageProvider.useTablePartitionManagement</c>: partition leases in a table (the extension's v3 default) instead of blob leases. Default true.</summary>
    public bool UseTablePartitionManagement { get; set; } = true;

    /// <summary><c>storageProvider.useLegacyPartitionManagement</c>: the older blob-lease balancer (only with table management off). Default false.</summary>
    public bool UseLegacyPartitionManagement { get; set; }

    /// <summary><c>storageProvider.fetchLargeMessagesAutomatically</c>: download payloads stored as blobs when reading status. Default true.</summary>
    public bool FetchLargeMessagesAutomatically { get; set; } = true;

    /// <summary><c>storageProvider.allowReplayingTerminalInstances</c>: let messages for a finished instance replay it. Default false.</summary>
    public bool AllowReplayingTerminalInstances { get; set; }

    /// <summary><c>storageProvider.queueClientMessageEncoding</c>: <c>UTF8</c> (default) or <c>Base64</c>; every worker and client of a hub must agree.</summary>
    [RegularExpression("^(?i:utf8|base64)$", ErrorMessage = "must be UTF8 or Base64")]
    public string QueueClientMessageEncoding { get; set; } = "UTF8";

    /// <summary>
    /// <c>storageProvider.partitionLeaseInterval</c> (this host only; the extension ignores it and uses 30 s): how long a
    /// partition lease lasts unrenewed, so how long a crashed worker's partitions stay unowned. Default 30 s; 1 s to 10 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PartitionLeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>storageProvider.partitionLeaseAcquireInterval</c> (this host only; the extension uses 10 s): the pause between
    /// passes of the partition manager, which claims free or expired partitions and renews owned ones. Default 10 s; 100 ms to 10 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PartitionLeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>storageProvider.partitionLeaseRenewInterval</c> (this host only; the extension uses 10 s): blob-lease renewal period. Default 10 s; 100 ms to 10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PartitionLeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>extendedSessionsEnabled</c>: keep an orchestration in memory between episodes, so the next episode skips
    /// reloading and replaying its history. Default false.
    /// </summary>
    public bool ExtendedSessionsEnabled { get; set; }

    /// <summary><c>extendedSessionIdleTimeoutInSeconds</c>: how long an idle orchestration stays in memory with extended sessions on. Default 30; 0 to 86400.</summary>
    [Range(0, 86_400)]
    public int ExtendedSessionIdleTimeoutInSeconds { get; set; } = 30;

    /// <summary><c>maxConcurrentActivityFunctions</c>: activities one worker runs at once. Default 10 × processor count; 1 to 10000.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary><c>maxConcurrentOrchestratorFunctions</c>: orchestration episodes one worker runs at once. Default 10 × processor count; 1 to 10000.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary><c>maxConcurrentEntityFunctions</c>: entity batches one worker runs at once (entities are not hosted here). Default 10 × processor count; 1 to 10000.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentEntityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// <c>useAppLease</c>: workers of one task hub first take an app-level blob lease, so only one app (of several
    /// sharing a hub, e.g. deployment slots) processes it. Default true.
    /// </summary>
    public bool UseAppLease { get; set; } = true;

    /// <summary>
    /// <c>overridableExistingInstanceStates</c>: <c>NonRunningStates</c> (default: starting an instance id that is
    /// pending, running or suspended throws <see cref="DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException"/>)
    /// or <c>AnyState</c> (a new start replaces it).
    /// </summary>
    [RegularExpression("^(?i:NonRunningStates|AnyState)$", ErrorMessage = "must be NonRunningStates or AnyState")]
    public string OverridableExistingInstanceStates { get; set; } = "NonRunningStates";

    /// <summary>
    /// <c>throwStatusExceptionsOnRaiseEvent</c>: whether raising an event first checks the instance and throws when it
    /// is missing or finished. Default (unset): true, as the extension does on Azure Storage; false sends blindly.
    /// </summary>
    public bool? ThrowStatusExceptionsOnRaiseEvent { get; set; }

    /// <summary>
    /// The identity of this process among a hub's workers, in partition leases and logs: machine name, process id and a
    /// short random part. The engine's default (the machine name) would let two processes on one machine both claim
    /// every partition.
    /// </summary>
    public string WorkerId { get; set; } = DurableWorkerId.Create();

    /// <summary>Where each configured value came from, by host.json key path (lower case, ':'-separated): used in error messages.</summary>
    internal IDictionary<string, string> Sources { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
