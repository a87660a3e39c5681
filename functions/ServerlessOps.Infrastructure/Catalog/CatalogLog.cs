using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Infrastructure.Catalog;

/// <summary>Log events of the catalog and its imports: ids 4900-4909. Ids, kinds and counts only, never file content.</summary>
internal static partial class CatalogLog
{
    [LoggerMessage(EventId = 4900, Level = LogLevel.Information,
        Message = "Import {ImportId} ({Kind}, {Rows} rows) applied to brand {BrandId} by {ImportedBy}")]
    internal static partial void ImportApplied(this ILogger logger, string brandId, string importId, ImportKind kind, int rows, string importedBy);

    [LoggerMessage(EventId = 4901, Level = LogLevel.Information,
        Message = "Import of a {Kind} file for brand {BrandId} rejected with {ErrorCount} errors; nothing written")]
    internal static partial void ImportRejected(this ILogger logger, string brandId, ImportKind kind, int errorCount);

    [LoggerMessage(EventId = 4902, Level = LogLevel.Information,
        Message = "Import {ImportId} for brand {BrandId} was already applied; the same file changed nothing")]
    internal static partial void ImportRepeated(this ILogger logger, string brandId, string importId);

    [LoggerMessage(EventId = 4903, Level = LogLevel.Warning,
        Message = "Import {ImportId} for brand {BrandId} was left applying (a crash or a concurrent post); completing it")]
    internal static partial void ImportResumed(this ILogger logger, string brandId, string importId);

    [LoggerMessage(EventId = 4904, Level = LogLevel.Warning,
        Message = "Stock count of {Sku} at {Location} counted at {CountedAt} for brand {BrandId} was imported before as {RecordedQuantity} units; {Quantity} not applied (a recount needs its own countedAt)")]
    internal static partial void CountConflicting(this ILogger logger, string brandId, string sku, string location, DateTimeOffset countedAt, int? recordedQuantity, int quantity);
}
