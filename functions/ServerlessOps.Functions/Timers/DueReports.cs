using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Review.Facts;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// The one loop of the daily and weekly report timers: every brand whose local time has passed the report hour, and whose
/// period's last UTC day has ended (<see cref="DueReport.CompleteAt"/>), gets the report it is due unless the archive
/// already holds that period; a brand that fails is logged and tried again next
/// hour, never stopping the others.
/// </summary>
internal static class DueReports
{
    /// <param name="due">The report due for a brand, given its local date today.</param>
    /// <returns>How many reports were written.</returns>
    public static async Task<int> WriteAsync(
        IBrandDirectorySource brands, IReportArchive archive, ReportKind kind, int reportHour, DateTimeOffset now,
        Func<Brand, DateOnly, DueReport> due, ILogger logger, CancellationToken cancellationToken)
    {
        var (label, work) = kind == ReportKind.Daily ? ("Daily", "The daily report") : ("Weekly", "The weekly report");
        var written = 0;
        foreach (var brand in brands.Current.Brands.Values.OrderBy(b => b.Id, StringComparer.Ordinal))
        {
            var local = TimeZoneInfo.ConvertTime(now, ReviewFactsBuilder.TimeZoneOf(brand));
            if (local.Hour < reportHour)
            {
                continue;
            }

            var report = due(brand, DateOnly.FromDateTime(local.DateTime));
            if (now < report.CompleteAt)
            {
                continue;
            }

            try
            {
                if (await archive.GetAsync(brand.Id, kind, report.Period, cancellationToken) is not null)
                {
                    continue;
                }

                var entry = await report.WriteAsync(cancellationToken);
                logger.ReportWritten(label, brand.Id, entry.Period, entry.Version);
                written++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.BrandFailed(e, work, brand.Id);
            }
        }

        return written;
    }
}
