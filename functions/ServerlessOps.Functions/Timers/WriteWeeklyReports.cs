using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Review.Facts;
using ServerlessOps.Infrastructure.Review.Operations;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Hourly in UTC: for each brand whose local time has passed <see cref="MonthlyReviewOptions.ReportHour"/>, writes last
/// ISO week's report (Monday to Sunday, local dates) unless the archive has it. Same conventions as the daily report.
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
        return DueReports.WriteAsync(
            brands, services.GetRequiredService<IReportArchive>(), ReportKind.Weekly, options.CurrentValue.ReportHour, time.GetUtcNow(),
            (brand, today) =>
            {
                var monday = LastWeekMonday(today);
                return [new DueReport(OperatingReports.WeeklyPeriod(monday), monday.AddDays(6), token => reports.WriteWeeklyAsync(brand.Id, monday, token))];
            },
            logger,
            cancellationToken);
    }
}
