namespace ServerlessOps.Functions.Api.Reports;

/// <summary>Body of a download-link request: the file (<c>review.xlsx</c>) and, optionally, how long the link lives in seconds.</summary>
public sealed record ReportLinkRequest(string? File, int? LifetimeSeconds);
