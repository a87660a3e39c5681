using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Infrastructure.Catalog.Import;

/// <summary>A file read into rows, and every error about its form (quoting, JSON, unknown or repeated columns).</summary>
public sealed record ImportFile(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors);
