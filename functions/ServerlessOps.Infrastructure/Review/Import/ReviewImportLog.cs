using Microsoft.Extensions.Logging;

namespace ServerlessOps.Infrastructure.Review.Import;

/// <summary>Log events of the review's history imports: ids 4916-4919. Ids and counts only, never file content.</summary>
internal static partial class ReviewImportLog
{
    [LoggerMessage(EventId = 4916, Level = LogLevel.Information,
        Message = "Order history {ImportId} for brand {BrandId} checked: {Orders} orders, {ErrorCount} errors")]
    internal static partial void OrderHistoryChecked(this ILogger logger, string brandId, string importId, int orders, int errorCount);

    [LoggerMessage(EventId = 4917, Level = LogLevel.Information,
        Message = "Order history {ImportId} for brand {BrandId} converged: {Applied} orders written, {Unchanged} already held a newer or equal version")]
    internal static partial void OrderHistoryApplied(this ILogger logger, string brandId, string importId, int applied, int unchanged);
}
