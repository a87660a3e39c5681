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

    private static StockDecision Applied(int onHandDelta, int reservedDelta, bool clamped = false) =>
        new(StockApplyOutcome.Applied, onHandDelta, reservedDelta, clamped);
}
