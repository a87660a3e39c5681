using Microsoft.Extensions.Logging;

namespace ServerlessOps.Infrastructure.Cosmos.Stores;

/// <summary>Log events of the order store and its partition migration: ids 4500-4519. Ids and counts only.</summary>
internal static partial class OrderStoreLog
{
    [LoggerMessage(EventId = 4500, Level = LogLevel.Information,
        Message = "Orders of brand {BrandId} moved to the brand-and-month layout: {Moved} moved, {Merged} merged, {AlreadyMoved} already there, {Failed} failed; complete: {Complete}")]
    internal static partial void OrdersMoved(this ILogger logger, string brandId, int moved, int merged, int alreadyMoved, int failed, bool complete);

    [LoggerMessage(EventId = 4501, Level = LogLevel.Error,
        Message = "Order {OrderId} of brand {BrandId} could not be moved to the brand-and-month layout and stays where it is")]
    internal static partial void OrderMoveFailed(this ILogger logger, string brandId, string orderId, Exception exception);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Warning,
        Message = "Moving orders to the brand-and-month layout waits {Pause} for the store ({PendingBrands} brands to go)")]
    internal static partial void MigrationWaiting(this ILogger logger, int pendingBrands, TimeSpan pause, Exception exception);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Warning,
        Message = "The locator of order {OrderId} of brand {BrandId} named {AbandonedPartition}, where its order never arrived within the grace: taken over for {OrderPartition}")]
    internal static partial void LocatorTakenOver(this ILogger logger, string brandId, string orderId, string abandonedPartition, string orderPartition);
}
