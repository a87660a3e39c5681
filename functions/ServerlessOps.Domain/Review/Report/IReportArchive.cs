using ServerlessOps.Domain.Paging;

namespace ServerlessOps.Domain.Review.Report;

/// <summary>
/// Report blobs per brand and period (the <c>reports</c> blob container) and their index. Publishing is idempotent:
/// blobs go under versioned names with the content hash, written once; the index entry for a period's version is
/// created once. The latest complete report of a kind is the newest period's newest entry.
/// </summary>
public interface IReportArchive
{
    Task<ReportEntry> PublishAsync(ReportPublication publication, CancellationToken cancellationToken = default);

    /// <summary>A brand's reports, newest period first; of one kind when <paramref name="kind"/> is set.</summary>
    Task<IReadOnlyList<ReportEntry>> ListAsync(string brandId, ReportKind? kind = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a brand's reports (of one kind when <paramref name="kind"/> is set): monthly, then weekly, then daily;
    /// within a kind newest period first, the versions of one period by version, descending. What the API lists, since a
    /// daily report a day makes the list grow without bound.
    /// </summary>
    Task<Page<ReportEntry>> ListPageAsync(string brandId, ReportKind? kind, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>The newest entry for a period, or null.</summary>
    Task<ReportEntry?> GetAsync(string brandId, ReportKind kind, string period, CancellationToken cancellationToken = default);

    /// <summary>The latest complete report of a kind, or null when none was written yet.</summary>
    Task<ReportEntry?> GetLatestAsync(string brandId, ReportKind kind, CancellationToken cancellationToken = default);

    /// <summary>A file's bytes, or null when the entry has no such file.</summary>
    Task<byte[]?> ReadFileAsync(ReportEntry entry, string fileName, CancellationToken cancellationToken = default);
}
