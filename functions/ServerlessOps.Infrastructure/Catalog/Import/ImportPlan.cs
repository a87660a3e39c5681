using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Infrastructure.Catalog.Import;

/// <summary>A file's errors, or how to write it: <see cref="Apply"/> runs only when there is no error.</summary>
/// <param name="Errors">Everything wrong with the file (form, values, checks against stored data).</param>
/// <param name="Apply">Writes the file (every write idempotent) and answers what was written by kind of target.</param>
public sealed record ImportPlan(IReadOnlyList<ImportError> Errors, Func<CancellationToken, Task<IReadOnlyDictionary<string, int>>> Apply)
{
    /// <summary>Records in the file (CSV rows after the header, JSON Lines non-blank lines).</summary>
    public int Rows { get; init; }

    /// <summary>After <see cref="Apply"/>: the lines the ledger did not apply as superseded (stock counts only; <see cref="ImportRecord.SupersededLines"/>).</summary>
    public Func<IReadOnlyList<int>> SupersededLines { get; init; } = () => [];
}
