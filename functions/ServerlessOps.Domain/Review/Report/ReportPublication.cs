namespace ServerlessOps.Domain.Review.Report;

/// <summary>A report's files for one brand, kind and period, with the person who owns acting on it.</summary>
/// <param name="Summary">A few headline numbers for listings (revenue, contribution, findings), by name.</param>
public sealed record ReportPublication(
    string BrandId,
    ReportKind Kind,
    string Period,
    string Owner,
    IReadOnlyList<ReportFileContent> Files,
    IReadOnlyDictionary<string, decimal> Summary);
