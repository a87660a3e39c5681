namespace ServerlessOps.Standalone.Tests.Support;

/// <summary>
/// durableTask overrides for tests that kill or stop a host: a crashed worker's partitions and hidden messages come
/// back in seconds rather than the defaults' 30 s and 5 minutes.
/// </summary>
internal static class MultiHostSettings
{
    public static readonly KeyValuePair<string, string>[] FastRecovery =
    [
        KeyValuePair.Create("storageProvider:controlQueueVisibilityTimeout", "00:00:05"),
        KeyValuePair.Create("storageProvider:workItemQueueVisibilityTimeout", "00:00:05"),
        KeyValuePair.Create("storageProvider:partitionLeaseInterval", "00:00:05"),
        KeyValuePair.Create("storageProvider:partitionLeaseAcquireInterval", "00:00:01"),
    ];
}
