namespace ServerlessOps.Domain.Inventory.Drift;

/// <summary>A read price against the floor: below or not, and the shortfall per day at <see cref="UnitsPerDay"/> (null when velocity is unknown).</summary>
public sealed record PriceReadVerdict(decimal Price, decimal? Floor, bool BelowFloor, decimal? UnitsPerDay, decimal? MoneyAtStakePerDay);
