namespace ServerlessOps.Functions.Timers;

internal static partial class TimersLog
{
    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Re-queued stranded delivery {BlobName} received at {ReceivedAt}")]
    public static partial void StrandedRequeued(this ILogger logger, string blobName, DateTimeOffset receivedAt);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Re-queued stranded bundle {BundleBlobName}: written by the webhook edge and still unprocessed")]
    public static partial void StrandedBundleRequeued(this ILogger logger, string bundleBlobName);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "Purged the engine history of {Count} orchestrations finished and created before {Before}")]
    public static partial void HistoryPurged(this ILogger logger, int count, DateTimeOffset before);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Information, Message = "Recorded the ends of {Count} completed order flows created before {Before}, before purging them")]
    public static partial void FlowEndsRecorded(this ILogger logger, int count, DateTimeOffset before);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning,
        Message = "Could not record the ends of a page of {Count} completed order flows (from {FirstInstanceId}) created before {Before}: no completed instance is purged in this run")]
    public static partial void FlowEndsNotRecorded(this ILogger logger, int count, string firstInstanceId, DateTimeOffset before, Exception exception);

    [LoggerMessage(EventId = 1309, Level = LogLevel.Information,
        Message = "Kept the history of {Count} failed or terminated order flows created before {Before}: they moved stock or stand on their exception path, and wait for the retry route")]
    public static partial void FailedFlowsKept(this ILogger logger, int count, DateTimeOffset before);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "Import {ImportId} of brand {BrandId} received at {ReceivedAt} is still applying: stopped midway")]
    public static partial void ImportStuck(this ILogger logger, string brandId, string importId, DateTimeOffset receivedAt);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning,
        Message = "Privacy request {RequestId} ({Kind}) of brand {BrandId} received at {ReceivedAt:O} is not completed; due by {DueBy:O}")]
    public static partial void PrivacyRequestStuck(this ILogger logger, string brandId, string requestId, string kind, DateTimeOffset receivedAt, DateTimeOffset dueBy);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning,
        Message = "Privacy delivery {DeliveryKey} ({Topic}) of brand {BrandId} is in quarantine since {QuarantinedAt:O}; its request may not be recorded")]
    public static partial void PrivacyDeliveryQuarantined(this ILogger logger, string brandId, string deliveryKey, string topic, DateTimeOffset quarantinedAt);
}
