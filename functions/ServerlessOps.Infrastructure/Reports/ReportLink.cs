namespace ServerlessOps.Infrastructure.Reports;

/// <summary>A read-only link to one report file, valid until <see cref="ExpiresAt"/>, and the audit entry that records it.</summary>
public sealed record ReportLink(Uri Url, DateTimeOffset ExpiresAt, ReportLinkRecord Record);
