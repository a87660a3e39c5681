namespace ServerlessOps.Functions.Api.Stock;

/// <summary>Body of <c>POST /api/brands/{brandId}/inventory/{sku}/adjustments</c>; every field required.</summary>
public sealed record StockAdjustmentRequest
{
    /// <summary><c>receipt</c> (units arrived: quantity &gt; 0), <c>count</c> (on hand becomes quantity ≥ 0) or <c>adjustment</c> (on hand + quantity, ≠ 0).</summary>
    public string? Kind { get; init; }

    public string? Location { get; init; }

    public int? Quantity { get; init; }

    /// <summary>
    /// A count only, optional: when the units were counted (ISO 8601 with an offset). The count then stands as of then and
    /// is the same ledger movement as that count imported in a stock-count file (cause <c>count:{countedAt}:{location}</c>),
    /// so whichever arrives second changes nothing. Without it the count stands as of the request.
    /// </summary>
    public DateTimeOffset? CountedAt { get; init; }

    /// <summary>Why, for people reading the ledger (a delivery note, "cycle count aisle 4", "water damage").</summary>
    public string? Reason { get; init; }
}
