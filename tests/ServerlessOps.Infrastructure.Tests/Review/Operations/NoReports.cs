using ServerlessOps.Domain.Paging;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Tests.Review.Operations;

/// <summary>A report archive with nothing published and that publishes nothing: the build step never reads or writes it.</summary>
internal sealed class NoReports : IReportArchive
{
    public Task<ReportEntry> PublishAsync(ReportPublication publication, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The build step publishes no report.");

    public Task<IReadOnlyList<ReportEntry>> ListAsync(string brandId, ReportKind? kind = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReportEntry>>([]);

    public Task<Page<ReportEntry>> ListPageAsync(string brandId, ReportKind? kind, PageRequest page, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Page<ReportEntry>([], null));

    public Task<ReportEntry?> GetAsync(string brandId, ReportKind kind, string period, CancellationToken cancellationToken = default) =>
        Task.FromResult<ReportEntry?>(null);

    public Task<ReportEntry?> GetLatestAsync(string brandId, ReportKind kind, CancellationToken cancellationToken = default) =>
        Task.FromResult<ReportEntry?>(null);

    public Task<byte[]?> ReadFileAsync(ReportEntry entry, string fileName, CancellationToken cancellationToken = default) =>
        Task.FromResult<byte[]?>(null);
}
