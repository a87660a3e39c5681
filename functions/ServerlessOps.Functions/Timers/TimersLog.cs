namespace ServerlessOps.Functions.Timers;

internal static partial class TimersLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Timer {Function} fired for {Occurrence}")]
    public static partial void TimerFired(this ILogger logger, string function, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Timer {Function} failed; the next occurrence runs as scheduled")]
    public static partial void TimerFailed(this ILogger logger, string function, Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Re-queued stranded delivery {BlobName} received at {ReceivedAt}")]
    public static partial void StrandedRequeued(this ILogger logger, string blobName, DateTimeOffset receivedAt);
}
