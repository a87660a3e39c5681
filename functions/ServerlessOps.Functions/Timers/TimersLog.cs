namespace ServerlessOps.Functions.Timers;

internal static partial class TimersLog
{
    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Re-queued stranded delivery {BlobName} received at {ReceivedAt}")]
    public static partial void StrandedRequeued(this ILogger logger, string blobName, DateTimeOffset receivedAt);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Re-queued stranded bundle {BundleBlobName}: written by the webhook edge and still unprocessed")]
    public static partial void StrandedBundleRequeued(this ILogger logger, string bundleBlobName);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "Purged the engine history of {Count} orchestrations finished and created before {Before}")]
    public static partial void HistoryPurged(this ILogger logger, int count, DateTimeOffset before);
}
