using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Infrastructure.Catalog.Import;

/// <summary>One posted file: whose, what, how written, the bytes as received, and who posted it.</summary>
public sealed record ImportRequest(string BrandId, ImportKind Kind, ImportFormat Format, ReadOnlyMemory<byte> Body, string ImportedBy);
