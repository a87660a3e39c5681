using Microsoft.Extensions.Logging;

namespace ServerlessOps.Infrastructure.Inventory;

/// <summary>Log events of the inventory ledger: ids 4870-4879. Brand, SKU, location and entry ids only.</summary>
internal static partial class InventoryLedgerLog
{
    [LoggerMessage(EventId = 4870, Level = LogLevel.Information,
        Message = "Ledger entry {EntryId} of {BrandId}/{Sku} at {Location} was pending (an earlier attempt stopped before finishing); this call takes it over")]
    internal static partial void PendingEntryTakenOver(this ILogger logger, string entryId, string brandId, string sku, string location);

    [LoggerMessage(EventId = 4871, Level = LogLevel.Warning,
        Message = "Ledger entry {EntryId} of {BrandId}/{Sku} at {Location} lost the race for its balance {Attempts} times; left pending for a retry of the same movement")]
    internal static partial void ConflictRetriesExhausted(this ILogger logger, string entryId, string brandId, string sku, string location, int attempts);

    [LoggerMessage(EventId = 4872, Level = LogLevel.Information,
        Message = "Ledger entry {EntryId} of {BrandId}/{Sku} at {Location} was still pending although its balance took it ({Outcome}); marked from the balance's record")]
    internal static partial void PendingEntryFinished(this ILogger logger, string entryId, string brandId, string sku, string location, StockEntryState outcome);

    [LoggerMessage(EventId = 4873, Level = LogLevel.Warning,
        Message = "Balance of {BrandId}/{Sku} at {Location} records entry {EntryId}, but the entry document is missing; the record is kept")]
    internal static partial void RecordedEntryMissing(this ILogger logger, string brandId, string sku, string location, string entryId);

    [LoggerMessage(EventId = 4874, Level = LogLevel.Warning,
        Message = "Ledger entry {EntryId} of {BrandId}/{Sku} is recorded for {RecordedLocation} x {RecordedQuantity}; a movement for {Location} x {Quantity} reused its cause and was not applied")]
    internal static partial void MovementConflict(this ILogger logger, string entryId, string brandId, string sku, string recordedLocation, int recordedQuantity, string location, int quantity);
}
