using ServerlessOps.Infrastructure.Reports;

namespace ServerlessOps.Functions.Api.Reports;

/// <summary>Every download link handed out for a brand's reports, newest first: who, when, which report and file, until when. Never the links.</summary>
public sealed record ReportLinkAuditView(string BrandId, IReadOnlyList<ReportLinkRecord> Links);
