using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Functions.Api.Catalog;

/// <summary>An import record as the API shows it (kinds and formats by their route slug and media type).</summary>
public sealed record ImportView(
    string ImportId,
    string BrandId,
    string Kind,
    string Format,
    string Sha256,
    long Bytes,
    int Rows,
    string ImportedBy,
    DateTimeOffset ReceivedAt,
    ImportState State,
    DateTimeOffset? AppliedAt,
    IReadOnlyDictionary<string, int> Written,
    IReadOnlyList<int> SupersededLines)
{
    public static ImportView From(ImportRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(
            record.ImportId, record.BrandId, record.Kind.Slug(), ImportMediaTypes.Of(record.Format), record.Sha256, record.Bytes, record.Rows,
            record.ImportedBy, record.ReceivedAt, record.State, record.AppliedAt, record.Written, record.SupersededLines);
    }
}

/// <summary>A page of a brand's import records, newest first.</summary>
public sealed record ImportListView(string BrandId, IReadOnlyList<ImportView> Items);
