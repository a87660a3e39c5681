using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Infrastructure.Catalog.Import;

/// <summary>What posting a file did.</summary>
public abstract record ImportOutcome
{
    private ImportOutcome()
    {
    }

    /// <summary>The file is invalid; nothing was written. <see cref="Errors"/> is capped; <see cref="ErrorCount"/> is the total.</summary>
    public sealed record Rejected(IReadOnlyList<ImportError> Errors, int ErrorCount, int Rows) : ImportOutcome;

    /// <summary>This post wrote the file (or completed an earlier post's writes).</summary>
    public sealed record Applied(ImportRecord Record) : ImportOutcome;

    /// <summary>The same file was applied before; nothing changed.</summary>
    public sealed record AlreadyApplied(ImportRecord Record) : ImportOutcome;
}
