using Microsoft.Extensions.Logging;

namespace ServerlessOps.Standalone.Timers;

internal static partial class TimerSchedulerLog
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Timer {Function} fired for {Occurrence}")]
    public static partial void TimerFired(this ILogger logger, string function, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Error, Message = "Timer {Function} failed; the next occurrence runs as scheduled")]
    public static partial void TimerFailed(this ILogger logger, string function, Exception exception);
}
