namespace ServerlessOps.Standalone.Tests.Support;

/// <summary>
/// durableTask overrides for tests that kill or stop a host: a crashed worker's partitions and hidden messages come
/// back in seconds rather than the defaults' 30 s and 5 minutes.
/// <para>
/// The visibility timeouts are 20 s, not 5: a control-queue message stays invisible only that long while its session
/// works, and on a loaded 2-core machine (CI, 2026-12-04) a session outlived 5 s, its message came back, the delete
/// failed on a stale pop receipt and the engine kept receiving it as a duplicate for over a minute.
/// </para>
/// </summary>
internal static class MultiHostSettings
{
    public static readonly KeyValuePair<string, string>[] FastRecovery =
    [
        KeyValuePair.Create("storageProvider:controlQueueVisibilityTimeout", "00:00:20"),
        KeyValuePair.Create("storageProvider:workItemQueueVisibilityTimeout", "00:00:20"),
        KeyValuePair.Create("storageProvider:partitionLeaseInterval", "00:00:05"),
        KeyValuePair.Create("storageProvider:partitionLeaseAcquireInterval", "00:00:01"),
    ];
}
