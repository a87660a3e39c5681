using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Reports;
using ServerlessOps.Infrastructure.Review.Operations;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Hourly in UTC: for each brand whose local time has passed <see cref="MonthlyReviewOptions.ReportHour"/>, writes
/// yesterday's daily report (its local date) unless the archive has it or the day ended at or before the brand's go-live
/// (then it enforces no rule either), once that date's UTC day has ended too (<see cref="DueReport.CompleteAt"/>), and
/// with it enforces the alert rules of the brand's latest roadmap (<see cref="OperatingReports.WriteDailyAsync"/>). A
/// brand that fails is tried again next hour. Before it, oldest first, the days of the
/// <see cref="ReportsOptions.CatchUpDays"/> before yesterday (none that ended at or before the brand's go-live) whose
/// report is still missing: a day whose every attempt failed is written late rather than never
/// (<see cref="OperatingReports.WriteLateDailyAsync"/>, which leaves the alert rules to yesterday's figures).
/// </summary>
public sealed class WriteDailyReports(
    IBrandDirectorySource brands, IServiceProvider services, IOptionsMonitor<MonthlyReviewOptions> options, TimeProvider time, ILogger<WriteDailyReports> logger)
    : ITimerFunction
{
    /// <summary>Minute 45 of every hour (NCRONTAB with seconds, UTC).</summary>
    public const string Cron = "0 45 * * * *";

    public string Name => nameof(WriteDailyReports);

    public string Schedule => Cron;

    [Function(nameof(WriteDailyReports))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public Task RunAsync(CancellationToken cancellationToken) => options.CurrentValue.TimersEnabled ? WriteAsync(cancellationToken) : Task.CompletedTask;

    /// <returns>How many reports were written.</returns>
    public Task<int> WriteAsync(CancellationToken cancellationToken)
    {
        // Resolved when run, not when the timer is built: the archive and review stores are registered by their own parts.
        var reports = services.GetRequiredService<OperatingReports>();
        var catchUpDays = services.GetRequiredService<IOptionsMonitor<ReportsOptions>>().CurrentValue.CatchUpDays;
        return DueReports.WriteAsync(
            brands, services.GetRequiredService<IReportArchive>(), ReportKind.Daily, options.CurrentValue.ReportHour, time.GetUtcNow(),
            (brand, today) =>
            {
                var yesterday = today.AddDays(-1);
                return ReportCatchUp.Due(
                    new DueReport(OperatingReports.DailyPeriod(yesterday), yesterday, token => reports.WriteDailyAsync(brand.Id, yesterday, token)),
                    periodDays: 1,
                    catchUpDays,
                    day => new DueReport(OperatingReports.DailyPeriod(day), day, token => reports.WriteLateDailyAsync(brand.Id, day, token)));
            },
            logger,
            cancellationToken);
    }
}
