using System.Text.Json.Serialization;

namespace ServerlessOps.Infrastructure.Cosmos.Documents;

/// <summary>
/// The mark that a brand's orders have all left the brand-partitioned layout (schema 1): container <c>orders</c>, type
/// <c>orderLayout</c>, id <see cref="MonthlyId"/>, in the old brand partition itself (<c>{brandId}</c>), which holds
/// nothing else once the migration is done. While it is absent, reads also look in the old layout.
/// </summary>
public sealed class OrderLayoutDocument
{
    public const string DocumentType = "orderLayout";
    public const int CurrentSchemaVersion = 1;

    /// <summary>The id of the mark for the brand-and-month layout.</summary>
    public const string MonthlyId = "orders-by-brand-and-month";

    public string Id { get; init; } = MonthlyId;

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>When the last migration run found the old layout empty.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>Orders that run moved.</summary>
    public int Moved { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}
