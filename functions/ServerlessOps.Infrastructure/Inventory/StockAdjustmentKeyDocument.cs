using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Infrastructure.Inventory;

/// <summary>
/// The request a stock adjustment's <c>Idempotency-Key</c> was first sent with. Container <c>inventoryLedger</c>,
/// partition <c>{brandId}#adjustment-keys</c> (a brand id has no '#', a SKU partition always has '|' right after the
/// brand id), id <c>key|{key}</c> (escaped). Created once by a conditional create and never changed: the key names
/// that request for good, whatever its SKU, kind, location, quantity or reason.
/// </summary>
public sealed record StockAdjustmentKeyDocument
{
    public const string DocumentType = "stockAdjustmentKey";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string Key { get; init; }

    /// <summary>The movement the first request asked for (its cause is <c>api:{key}</c>).</summary>
    public required StockMovement Movement { get; init; }

    public required DateTimeOffset BoundAt { get; init; }

    public static string PartitionKeyFor(string brandId) => $"{brandId}#adjustment-keys";

    public static string IdFor(string key) => $"key|{Cosmos.CosmosIds.Encode(key)}";
}
