using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>Log events of report publishing and download links: ids 4650-4659. Never a link's signature.</summary>
internal static partial class ReportsLog
{
    [LoggerMessage(EventId = 4650, Level = LogLevel.Information,
        Message = "Report {Kind} {Period} of brand {BrandId} published as version {Version} ({FileCount} files)")]
    internal static partial void ReportPublished(this ILogger logger, string brandId, ReportKind kind, string period, string version, int fileCount);

    [LoggerMessage(EventId = 4651, Level = LogLevel.Information,
        Message = "Report {Kind} {Period} of brand {BrandId} version {Version} was published already; nothing written")]
    internal static partial void ReportAlreadyPublished(this ILogger logger, string brandId, ReportKind kind, string period, string version);

    [LoggerMessage(EventId = 4652, Level = LogLevel.Information,
        Message = "Report blob {BlobName} was written by an earlier attempt; kept")]
    internal static partial void ReportBlobAlreadyWritten(this ILogger logger, string blobName);

    [LoggerMessage(EventId = 4653, Level = LogLevel.Information,
        Message = "Download link {LinkId} to {File} of report {Kind} {Period} version {Version} (brand {BrandId}) issued to {Actor} until {ExpiresAt:O}, signed with {SignedWith}")]
    internal static partial void ReportLinkIssued(
        this ILogger logger, string linkId, string brandId, ReportKind kind, string period, string version, string file, string actor, DateTimeOffset expiresAt, string signedWith);

    [LoggerMessage(EventId = 4654, Level = LogLevel.Information,
        Message = "Report {Kind} {Period} of brand {BrandId} version {Version} was published again after version {Replaced}; it is the period's newest again")]
    internal static partial void ReportMadeNewestAgain(this ILogger logger, string brandId, ReportKind kind, string period, string version, string replaced);
}
