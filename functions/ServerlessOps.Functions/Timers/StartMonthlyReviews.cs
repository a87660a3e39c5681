using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Infrastructure.Review.Operations;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Hourly in UTC (NCRONTAB has one time zone per app, brands have their own): for each brand of the registry, starts the
/// review of its last closed month once its local time has passed <see cref="MonthlyReviewOptions.StartHour"/> on the 1st
/// (<see cref="MonthlyReviewStarter.DueMonth"/>). The same rule catches up: a brand whose due month has no instance yet
/// (the tick missed the 1st, the app was down) gets it on the next tick. One instance per brand and month however many
/// ticks fire (<see cref="MonthlyReviewStarter"/>).
/// </summary>
public sealed class StartMonthlyReviews(
    IBrandDirectorySource brands, MonthlyReviewStarter starter, IOptionsMonitor<MonthlyReviewOptions> options, TimeProvider time, IServiceProvider services, ILogger<StartMonthlyReviews> logger)
    : ITimerFunction
{
    /// <summary>Minute 10 of every hour (NCRONTAB with seconds, UTC).</summary>
    public const string Cron = "0 10 * * * *";

    public string Name => nameof(StartMonthlyReviews);

    public string Schedule => Cron;

    [Function(nameof(StartMonthlyReviews))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        TickAsync(client, cancellationToken);

    public Task RunAsync(CancellationToken cancellationToken) =>
        options.CurrentValue.TimersEnabled ? TickAsync(services.GetRequiredService<DurableTaskClient>(), cancellationToken) : Task.CompletedTask;

    /// <returns>How many reviews this tick started.</returns>
    public async Task<int> TickAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var started = 0;
        foreach (var brand in brands.Current.Brands.Values.OrderBy(b => b.Id, StringComparer.Ordinal))
        {
            try
            {
                var month = starter.DueMonth(brand, now);
                if (await starter.StartAsync(client, brand.Id, month, "tick", restartFailed: false, cancellationToken))
                {
                    logger.ReviewStarted(brand.Id, month, "tick");
                    started++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.BrandFailed(e, "Starting the monthly review", brand.Id);
            }
        }

        return started;
    }
}
