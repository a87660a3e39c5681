using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Reports;
using ServerlessOps.Infrastructure.Review.Operations;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Hourly in UTC: for each brand whose local time has passed <see cref="MonthlyReviewOptions.ReportHour"/>, writes last
/// ISO week's report (Monday to Sunday, local dates) unless the archive has it or the week ended at or before the brand's
/// go-live (a brand live since the middle of last week gets last week's report, whole). Same conventions as the daily report.
/// Before it, oldest first, the weeks of the <see cref="ReportsOptions.CatchUpWeeks"/> before last week (none that ended
/// at or before the brand's go-live; the week it went live in is reported whole, as last week's report always was) whose report
/// is still missing: a week whose every attempt failed is written late rather than never. No weekly report raises or
/// clears an alert (the daily run enforces the alert rules), so a late week leaves them as they are.
/// </summary>
public sealed class WriteWeeklyReports(
    IBrandDirectorySource brands, IServiceProvider services, IOptionsMonitor<MonthlyReviewOptions> options, TimeProvider time, ILogger<WriteWeeklyReports> logger)
    : ITimerFunction
{
    /// <summary>Minute 50 of every hour (NCRONTAB with seconds, UTC).</summary>
    public const string Cron = "0 50 * * * *";

    public string Name => nameof(WriteWeeklyReports);

    public string Schedule => Cron;

    [Function(nameof(WriteWeeklyReports))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public Task RunAsync(CancellationToken cancellationToken) => options.CurrentValue.TimersEnabled ? WriteAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>The Monday of the last complete ISO week before <paramref name="today"/>.</summary>
    public static DateOnly LastWeekMonday(DateOnly today) => today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);

    /// <returns>How many reports were written.</returns>
    public Task<int> WriteAsync(CancellationToken cancellationToken)
    {
        var reports = services.GetRequiredService<OperatingReports>();
        var catchUpWeeks = services.GetRequiredService<IOptionsMonitor<ReportsOptions>>().CurrentValue.CatchUpWeeks;
        return DueReports.WriteAsync(
            brands, services.GetRequiredService<IReportArchive>(), ReportKind.Weekly, options.CurrentValue.ReportHour, time.GetUtcNow(),
            (brand, today) =>
            {
                return ReportCatchUp.Due(Week(LastWeekMonday(today)), periodDays: 7, catchUpWeeks, Week);

                DueReport Week(DateOnly monday) =>
                    new(OperatingReports.WeeklyPeriod(monday), monday.AddDays(6), token => reports.WriteWeeklyAsync(brand.Id, monday, token));
            },
            logger,
            cancellationToken);
    }
}
