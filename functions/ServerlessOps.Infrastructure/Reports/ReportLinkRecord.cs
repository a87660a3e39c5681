using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// The audit of one download link handed out: who asked, when, for which report and file, and until when it works.
/// Never the link itself: its signature is a bearer credential until it expires.
/// </summary>
public sealed record ReportLinkRecord(
    string Id,
    string BrandId,
    ReportKind Kind,
    string Period,
    string Version,
    string File,
    string Actor,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string SignedWith);
