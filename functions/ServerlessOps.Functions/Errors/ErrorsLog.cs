namespace ServerlessOps.Functions.Errors;

internal static partial class ErrorsLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Store unavailable while handling {Path}")]
    public static partial void StoreUnavailable(this ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Unhandled exception while handling {Path}")]
    public static partial void UnhandledException(this ILogger logger, string path, Exception exception);
}
