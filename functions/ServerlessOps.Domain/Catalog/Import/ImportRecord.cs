namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>
/// The record of one accepted file, one per (kind, SHA-256 of the body): posting the same bytes again answers with it
/// and changes nothing. Rejected files leave no record (nothing is written for them).
/// </summary>
/// <param name="ImportId">Derived from the kind and the hash: <c>{kind}-{sha256}</c>.</param>
/// <param name="BrandId">The brand imported into.</param>
/// <param name="Kind">What the file imported.</param>
/// <param name="Format">How it was written.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the body as received.</param>
/// <param name="Bytes">Size of the body.</param>
/// <param name="Rows">Records in the file (CSV rows after the header, JSON Lines non-blank lines).</param>
/// <param name="ImportedBy">Who posted it (the caller's name; never a key).</param>
/// <param name="ReceivedAt">When the accepted file was first received.</param>
/// <param name="State">Applying until every write is done.</param>
/// <param name="AppliedAt">When the last write was done.</param>
/// <param name="Written">Documents or movements written by kind of target (<c>items</c>, <c>listings</c>, <c>costs</c>, <c>feeRules</c>, <c>counts</c>, <c>countsAlreadyApplied</c>, <c>countsSuperseded</c>).</param>
public sealed record ImportRecord(
    string ImportId,
    string BrandId,
    ImportKind Kind,
    ImportFormat Format,
    string Sha256,
    long Bytes,
    int Rows,
    string ImportedBy,
    DateTimeOffset ReceivedAt,
    ImportState State,
    DateTimeOffset? AppliedAt,
    IReadOnlyDictionary<string, int> Written)
{
    /// <summary>
    /// Lines of a stock-count file not applied because a newer count of the SKU and location stood already (or too many
    /// movements followed the count to place it): the ledger's <c>Superseded</c>. Ascending; empty for every other file.
    /// A list, as the record reads back from the store, so a record prints and compares the same before and after a round trip.
    /// </summary>
    public IReadOnlyList<int> SupersededLines { get; init; } = new List<int>();

    /// <summary>The id of the import of a file of <paramref name="kind"/> with hash <paramref name="sha256"/>.</summary>
    public static string IdFor(ImportKind kind, string sha256) => $"{kind.Slug()}-{sha256}";
}
