using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Infrastructure.Catalog;

/// <summary>
/// The record of one accepted import file: id <c>import|{kind}-{sha256}</c>, partition <c>{brandId}|imports</c>, created
/// once (a conditional create: two posts of one file meet here) and moved from Applying to Applied under its ETag.
/// </summary>
public sealed class ImportRecordDocument
{
    public const string DocumentType = "importRecord";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    /// <summary>Sortable UTC copy of <see cref="ImportRecord.ReceivedAt"/>: the list's order.</summary>
    public required string ReceivedAt { get; init; }

    public required ImportRecord Record { get; init; }
}
