using ServerlessOps.Domain.Catalog;

namespace ServerlessOps.Infrastructure.Catalog;

/// <summary>
/// Every unit cost of one SKU, oldest first: id <c>costs|{sku}</c>, partition <c>{brandId}|catalog</c>. One point read
/// answers "the cost at t" (<see cref="EffectivePeriods.CostAt"/>); imports merge into it under its ETag.
/// </summary>
public sealed class UnitCostsDocument
{
    public const string DocumentType = "unitCosts";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    public required string Sku { get; init; }

    public required IReadOnlyList<UnitCost> Costs { get; init; }
}
