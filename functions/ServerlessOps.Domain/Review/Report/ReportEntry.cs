namespace ServerlessOps.Domain.Review.Report;

/// <summary>
/// A report as the index lists it. <see cref="Version"/> is derived from the files' content (a hash), so writing the
/// same report twice gives the same entry and the same blobs; a different report for the same period gets a new
/// version beside the old one, never overwriting it.
/// </summary>
public sealed record ReportEntry(
    string BrandId,
    ReportKind Kind,
    string Period,
    string Version,
    string Owner,
    IReadOnlyList<ReportFile> Files,
    IReadOnlyDictionary<string, decimal> Summary,
    DateTimeOffset WrittenAt);
