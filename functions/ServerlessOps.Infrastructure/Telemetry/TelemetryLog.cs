using Microsoft.Extensions.Logging;

namespace ServerlessOps.Infrastructure.Telemetry;

internal static partial class TelemetryLog
{
    [LoggerMessage(EventId = 4990, Level = LogLevel.Warning, Message = "Operator signal sample of {Source} failed; its gauge keeps its last value until it goes stale: {Reason}")]
    public static partial void SignalSampleFailed(this ILogger logger, string source, string reason);
}
