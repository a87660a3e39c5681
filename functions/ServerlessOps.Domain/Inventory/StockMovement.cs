namespace ServerlessOps.Domain.Inventory;

/// <summary>
/// One change to one SKU's stock at one location, keyed by what caused it so a retry, a replay or a restarted flow
/// never applies it twice: the ledger entry's id is <see cref="EntryId"/>, derived from the cause and the kind only.
/// </summary>
/// <param name="BrandId">The brand the stock belongs to.</param>
/// <param name="Sku">The brand's catalog SKU.</param>
/// <param name="Location">Where the units are (a warehouse, or a channel's own for Amazon FBA).</param>
/// <param name="Kind">What the movement does to the balance.</param>
/// <param name="Quantity">Units moved; for <see cref="StockMovementKind.Count"/> the units counted.</param>
/// <param name="Cause">What caused it, unique per movement of this kind: e.g. <c>order:{orderId}:{lineId}:r1</c>, <c>count:{countedAt}:{location}</c>.</param>
/// <param name="Reason">Free text for people (an adjustment's reason, who counted); never used as a key.</param>
public sealed record StockMovement(
    string BrandId,
    string Sku,
    string Location,
    StockMovementKind Kind,
    int Quantity,
    string Cause,
    string? Reason = null)
{
    /// <summary>The ledger entry's deterministic id: the same cause and kind always name the same entry.</summary>
    public string EntryId => $"{Kind}|{Cause}";

    /// <summary>Who asked for it (a signed-in caller's name, an import, a flow), recorded in the entry for people; never a key.</summary>
    public string? Actor { get; init; }

    /// <summary>
    /// For a <see cref="StockMovementKind.Count"/>: when the units were counted. The count then stands as of that instant
    /// (the on-hand movements applied after it stay on top of it), and never over a newer count of the location
    /// (<see cref="StockApplyOutcome.Superseded"/>). Null: as of when the ledger applies it.
    /// </summary>
    public DateTimeOffset? CountedAt { get; init; }
}
