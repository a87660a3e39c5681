namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>What a file's rows parsed into, and every error found; the values are only used when there is no error.</summary>
public sealed record ImportParse<T>(IReadOnlyList<ImportLine<T>> Values, IReadOnlyList<ImportError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
