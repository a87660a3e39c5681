namespace ServerlessOps.Functions.Timers;

internal static partial class RecoverStrandedDeliveriesLog
{
    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Re-queued stranded delivery {BlobName} received at {ReceivedAt}")]
    public static partial void StrandedRequeued(this ILogger logger, string blobName, DateTimeOffset receivedAt);
}
