using ServerlessOps.Domain.Catalog;

namespace ServerlessOps.Infrastructure.Catalog;

/// <summary>One catalog item with its listings: id <c>item|{sku}</c>, partition <c>{brandId}|catalog</c>; written whole by a catalog import.</summary>
public sealed class CatalogItemDocument
{
    public const string DocumentType = "catalogItem";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    public required string Sku { get; init; }

    public required CatalogItem Item { get; init; }

    /// <summary>The import that last wrote it.</summary>
    public required string ImportId { get; init; }
}
