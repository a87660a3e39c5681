namespace ServerlessOps.Domain.Review.Report;

/// <summary>A published file: its name in the report, its blob name (versioned, immutable), size and SHA-256.</summary>
public sealed record ReportFile(string Name, string BlobName, string ContentType, long Bytes, string Sha256);
