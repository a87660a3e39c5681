using Microsoft.Extensions.Logging;

namespace ServerlessOps.Standalone.Queues;

internal static partial class QueueListenerLog
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Standalone queue trigger {Function} listening on {Queue}")]
    public static partial void ListenerStarted(this ILogger logger, string function, string queue);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Receiving from {Queue} failed; retrying")]
    public static partial void ReceiveFailed(this ILogger logger, string queue, Exception exception);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (attempt {DequeueCount}); it will be retried")]
    public static partial void InvocationFailed(this ILogger logger, string function, string messageId, long dequeueCount, Exception exception);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Error, Message = "{Function}: message {MessageId} moved to the poison queue after {DequeueCount} attempts")]
    public static partial void MovedToPoison(this ILogger logger, string function, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Warning, Message = "Could not keep message {MessageId} hidden while it runs; it may reappear: {Reason}")]
    public static partial void RenewFailed(this ILogger logger, string messageId, string reason);
}
