namespace ServerlessOps.Functions.Http;

internal static partial class HttpLog
{
    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Store unavailable while handling {Function}")]
    public static partial void StoreUnavailable(this ILogger logger, string function, Exception exception);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Error, Message = "Unhandled exception while handling {Function}")]
    public static partial void UnhandledException(this ILogger logger, string function, Exception exception);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "{Function} refused an unauthenticated call: {Reason}")]
    public static partial void CallerRejected(this ILogger logger, string function, string reason);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "{Function} refused {Caller}: {Reason}")]
    public static partial void CallerForbidden(this ILogger logger, string function, string caller, string reason);
}
