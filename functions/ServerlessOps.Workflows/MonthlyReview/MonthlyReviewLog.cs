using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Review.Cycle;

namespace ServerlessOps.Workflows.MonthlyReview;

/// <summary>The monthly review's log messages (EventIds 3200-3299), through the orchestration's replay-safe logger.</summary>
internal static partial class MonthlyReviewLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information,
        Message = "Monthly review {InstanceId} of brand {BrandId}, month {Month}: phase {Phase}")]
    internal static partial void PhaseStarted(this ILogger logger, string instanceId, string brandId, string month, ReviewPhase phase);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information,
        Message = "Monthly review {InstanceId} of brand {BrandId}, month {Month} published version {Version}: {Findings} findings, {RowsRead} rows read")]
    internal static partial void Published(this ILogger logger, string instanceId, string brandId, string month, string version, int findings, long rowsRead);
}
