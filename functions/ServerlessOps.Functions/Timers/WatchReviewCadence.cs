using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Review.Facts;
using ServerlessOps.Infrastructure.Review.Operations;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// The cadence watchdog ("letting the cadence lapse"): hourly, for each brand whose local date has reached
/// <see cref="MonthlyReviewOptions.CompleteByDay"/>, checks that the last closed month's review completed; if not (never
/// started, still running, failed) it raises <see cref="AlertKind.CadenceLapsed"/> on process
/// <c>monthly-review:{yyyy-MM}</c> to the brand's finance owner (one alert per brand and month, notified once), and
/// clears it once the review completes. A review whose engine history was purged since (<see cref="PurgeOrchestrationHistory"/>,
/// 30 days from creation by default, which in the Americas falls before the month's last watch) counts as complete when
/// its report is published: publishing is its last step.
/// </summary>
public sealed class WatchReviewCadence(
    IBrandDirectorySource brands, MonthlyReviewStarter starter, IAlertRaiser alerts, IReportArchive archive, IOptionsMonitor<MonthlyReviewOptions> options, TimeProvider time, IServiceProvider services, ILogger<WatchReviewCadence> logger)
    : ITimerFunction
{
    /// <summary>Minute 25 of every hour (NCRONTAB with seconds, UTC).</summary>
    public const string Cron = "0 25 * * * *";

    public string Name => nameof(WatchReviewCadence);

    public string Schedule => Cron;

    [Function(nameof(WatchReviewCadence))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        WatchAsync(client, cancellationToken);

    public Task RunAsync(CancellationToken cancellationToken) =>
        options.CurrentValue.TimersEnabled ? WatchAsync(services.GetRequiredService<DurableTaskClient>(), cancellationToken) : Task.CompletedTask;

    /// <returns>How many brands' reviews are late.</returns>
    public async Task<int> WatchAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        var day = options.CurrentValue.CompleteByDay;
        var lapsed = 0;
        foreach (var brand in brands.Current.Brands.Values.OrderBy(b => b.Id, StringComparer.Ordinal))
        {
            var local = TimeZoneInfo.ConvertTime(now, ReviewFactsBuilder.TimeZoneOf(brand));
            if (local.Day < day)
            {
                continue;
            }

            var month = starter.DueMonth(brand, now);
            var subject = AlertSubject.Process($"monthly-review:{month}");
            var instance = await client.GetInstanceAsync(ReviewIds.For(brand.Id, month), getInputsAndOutputs: false, cancellationToken);
            if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                || (instance is null && await archive.GetAsync(brand.Id, ReportKind.Monthly, month.ToString(), cancellationToken) is not null))
            {
                await alerts.ClearAsync(brand.Id, AlertKind.CadenceLapsed, subject, $"The {month} review completed.", cancellationToken);
                continue;
            }

            var status = instance is null ? "never started" : instance.RuntimeStatus.ToString().ToLowerInvariant();
            logger.ReviewLapsed(brand.Id, month, day, status);
            await alerts.RaiseAsync(
                new AlertRaise(brand.Id, AlertKind.CadenceLapsed, subject,
                    $"The monthly review of {month} is not complete on day {day} of the month ({status}). Look at GET /api/brands/{brand.Id}/reviews/{month}; POST it to run it again once the cause is fixed.")
                {
                    Signal = BrandSignal.Finance,
                    Evidence = new Dictionary<string, string>
                    {
                        ["month"] = month.ToString(),
                        ["status"] = status,
                        ["completeByDay"] = day.ToString(CultureInfo.InvariantCulture),
                    },
                },
                cancellationToken);
            lapsed++;
        }

        return lapsed;
    }
}
