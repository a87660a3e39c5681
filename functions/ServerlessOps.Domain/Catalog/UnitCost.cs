namespace ServerlessOps.Domain.Catalog;

/// <summary>What one unit of a SKU costs the brand from <see cref="EffectiveFrom"/> until <see cref="EffectiveTo"/>.</summary>
/// <param name="Sku">The catalog SKU.</param>
/// <param name="Amount">Cost of one unit in <paramref name="Currency"/> (the item's currency).</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="EffectiveFrom">First instant it applies (inclusive).</param>
/// <param name="EffectiveTo">Instant it stops applying (exclusive); null while current.</param>
public sealed record UnitCost(string Sku, decimal Amount, string Currency, DateTimeOffset EffectiveFrom, DateTimeOffset? EffectiveTo);
