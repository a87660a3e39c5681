namespace ServerlessOps.Domain.Inventory;

/// <summary>
/// The ledger's arithmetic, one rule per <see cref="StockMovementKind"/>, applied to the balance of the movement's SKU
/// and location. Neither on hand nor reserved ever goes below zero: a reservation beyond available is refused whole
/// (nothing changes), a release, commit or negative adjustment beyond what is held is cut to it and marked clamped. A
/// reservation of units already shipped is never refused: refusing would not bring them back.
/// </summary>
public static class StockMovementRules
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming what is wrong: brand, SKU, location and cause must be given;
    /// the quantity must be positive, except a count (zero or more) and an adjustment (any but zero).
    /// </summary>
    public static void Validate(StockMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        ArgumentException.ThrowIfNullOrWhiteSpace(movement.BrandId, nameof(movement));
        ArgumentException.ThrowIfNullOrWhiteSpace(movement.Sku, nameof(movement));
        ArgumentException.ThrowIfNullOrWhiteSpace(movement.Location, nameof(movement));
        ArgumentException.ThrowIfNullOrWhiteSpace(movement.Cause, nameof(movement));
        if (!Enum.IsDefined(movement.Kind))
        {
            throw new ArgumentException($"Movement {movement.EntryId}: kind {(int)movement.Kind} is not a StockMovementKind.", nameof(movement));
        }

        var valid = movement.Kind switch
        {
            StockMovementKind.Count => movement.Quantity >= 0,
            StockMovementKind.Adjustment => movement.Quantity != 0,
            _ => movement.Quantity > 0,
        };
        if (!valid)
        {
            var expected = movement.Kind switch
            {
                StockMovementKind.Count => "zero or more (the units counted)",
                StockMovementKind.Adjustment => "any whole number but zero",
                _ => "more than zero",
            };
            throw new ArgumentException(
                $"Movement {movement.EntryId} for {movement.BrandId}/{movement.Sku} at {movement.Location}: a {movement.Kind} quantity must be {expected}; received {movement.Quantity}.",
                nameof(movement));
        }
    }

    /// <summary>What <paramref name="movement"/> does to <paramref name="balance"/> (see each kind's rule).</summary>
    public static StockDecision Decide(StockBalance balance, StockMovement movement)
    {
        ArgumentNullException.ThrowIfNull(balance);
        ArgumentNullException.ThrowIfNull(movement);
        var onHand = balance.OnHand;
        var reserved = balance.Reserved;
        var q = movement.Quantity;
        return movement.Kind switch
        {
            StockMovementKind.Reserve => q <= balance.Available
                ? Applied(0, q)
                : new StockDecision(StockApplyOutcome.Insufficient, 0, 0, Clamped: false),
            StockMovementKind.ReserveShipped => Applied(0, q),
            StockMovementKind.Release => Applied(0, -Math.Min(q, reserved), clamped: q > reserved),
            StockMovementKind.Commit => Applied(-Math.Min(q, onHand), -Math.Min(q, reserved), clamped: q > reserved || q > onHand),
            StockMovementKind.Receipt or StockMovementKind.Return => Applied(q, 0),
            StockMovementKind.Count => Applied(q - onHand, 0),
            StockMovementKind.Adjustment => q >= 0 ? Applied(q, 0) : Applied(-Math.Min(-q, onHand), 0, clamped: -q > onHand),
            _ => throw new ArgumentOutOfRangeException(nameof(movement), movement.Kind, "Unknown stock movement kind."),
        };
    }

    /// <summary>
    /// On-hand movements after a count that the ledger adds to it at most: a count followed by more is refused
    /// (<see cref="StockApplyOutcome.Superseded"/>) rather than read from an unbounded history.
    /// </summary>
    public const int MaxMovementsAfterCount = 1000;

    /// <summary>
    /// A count as of <see cref="StockMovement.CountedAt"/>: on hand becomes the units counted plus
    /// <paramref name="onHandDeltasSince"/> (the on-hand deltas of the movements other than counts applied at the location
    /// after the count was taken: they happened on top of what was counted), not below zero (clamped). Refused
    /// (<see cref="StockApplyOutcome.Superseded"/>) when <paramref name="lastCountedAt"/>, the newest count applied there,
    /// is later (that count already accounts for everything up to it), or when more than
    /// <see cref="MaxMovementsAfterCount"/> movements followed it (pass one more than that at most).
    /// </summary>
    public static StockDecision DecideCount(StockBalance balance, StockMovement count, DateTimeOffset? lastCountedAt, IReadOnlyCollection<int> onHandDeltasSince)
    {
        ArgumentNullException.ThrowIfNull(balance);
        ArgumentNullException.ThrowIfNull(count);
        ArgumentNullException.ThrowIfNull(onHandDeltasSince);
        if (count.Kind != StockMovementKind.Count || count.CountedAt is not { } countedAt)
        {
            throw new ArgumentException($"Movement {count.EntryId} is not a count with a countedAt.", nameof(count));
        }

        if (lastCountedAt > countedAt || onHandDeltasSince.Count > MaxMovementsAfterCount)
        {
            return new StockDecision(StockApplyOutcome.Superseded, 0, 0, Clamped: false);
        }

        var target = count.Quantity + onHandDeltasSince.Sum(d => (long)d);
        return Applied((int)Math.Max(0, target) - balance.OnHand, 0, clamped: target < 0);
    }

    /// <summary>
    /// What a refused movement answers: a count is only ever refused as <see cref="StockApplyOutcome.Superseded"/>, any
    /// other movement (a reservation) as <see cref="StockApplyOutcome.Insufficient"/>.
    /// </summary>
    public static StockApplyOutcome RefusedOutcome(StockMovementKind kind) =>
        kind == StockMovementKind.Count ? StockApplyOutcome.Superseded : StockApplyOutcome.Insufficient;

    private static StockDecision Applied(int onHandDelta, int reservedDelta, bool clamped = false) =>
        new(StockApplyOutcome.Applied, onHandDelta, reservedDelta, clamped);
}
