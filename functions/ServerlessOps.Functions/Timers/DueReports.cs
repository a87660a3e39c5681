using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Review.Facts;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// The one loop of the daily and weekly report timers: every brand whose local time has passed the report hour gets the
/// reports it is due (oldest first), each once its period's last UTC day has ended (<see cref="DueReport.CompleteAt"/>),
/// unless the period ended at or before the brand's go-live (logged, once per run, brand and period: no report and no
/// alert change) and unless the archive already holds that period; a report that fails is logged and tried again next hour, never
/// stopping the brand's other reports or the other brands.
/// </summary>
internal static class DueReports
{
    /// <param name="due">The reports due for a brand, given its local date today, oldest first.</param>
    /// <returns>How many reports were written.</returns>
    public static async Task<int> WriteAsync(
        IBrandDirectorySource brands, IReportArchive archive, ReportKind kind, int reportHour, DateTimeOffset now,
        Func<Brand, DateOnly, IReadOnlyList<DueReport>> due, ILogger logger, CancellationToken cancellationToken)
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

            foreach (var report in due(brand, DateOnly.FromDateTime(local.DateTime)))
            {
                if (now < report.CompleteAt)
                {
                    continue;
                }

                // A period that ended by the go-live holds none of the brand's live orders: its report would tell finance
                // "no sales" and the daily check would raise or clear alerts on no data. The period the brand went live in
                // ends after it, so it is reported, whole.
                var endedAt = report.EndsAt(brand);
                if (endedAt <= brand.GoLive)
                {
                    logger.ReportBeforeGoLive(label, brand.Id, report.Period, endedAt, brand.GoLive);
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
                    logger.BrandFailed(e, $"{work} for {report.Period}", brand.Id);
                }
            }
        }

        return written;
    }
}
