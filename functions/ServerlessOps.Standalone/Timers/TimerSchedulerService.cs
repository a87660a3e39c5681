using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServerlessOps.Standalone.Timers;

/// <summary>
/// The standalone driver for timer triggers: fires each function at the occurrences of its NCRONTAB
/// schedule (UTC, six fields with seconds, parsed by Cronos as the Functions host parses a [TimerTrigger] schedule).
/// A run that fails is logged and the next occurrence fires as usual, as in Azure. Only runs when no
/// Functions host is present.
/// </summary>
public sealed class TimerSchedulerService : BackgroundService
{
    private readonly IReadOnlyList<ITimerFunction> _functions;
    private readonly TimeProvider _time;
    private readonly ILogger<TimerSchedulerService> _logger;

    public TimerSchedulerService(IEnumerable<ITimerFunction> functions, TimeProvider time, ILogger<TimerSchedulerService> logger)
    {
        _functions = functions.ToList();
        _time = time;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_functions.Select(f => RunScheduleAsync(f, stoppingToken)));

    private async Task RunScheduleAsync(ITimerFunction function, CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(function.Schedule, CronFormat.IncludeSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            var next = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            try
            {
                await Task.Delay(next.Value - now, _time, stoppingToken);
                _logger.TimerFired(function.Name, next.Value);
                await function.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.TimerFailed(function.Name, e);
            }
        }
    }
}
