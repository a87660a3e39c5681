using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// Re-reads each brand's open-alert rollup (one point read per brand) every <see cref="AlertOptions.MetricsRefreshInterval"/>
/// and sets <see cref="AlertMetrics"/>, so an instance that raised nothing still reports what the others changed.
/// </summary>
public sealed class AlertMetricsRefresher : BackgroundService
{
    private readonly IAlertStore _store;
    private readonly AlertMetrics _metrics;
    private readonly AlertBrandIds _brands;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertMetricsRefresher> _logger;

    public AlertMetricsRefresher(IAlertStore store, AlertMetrics metrics, AlertBrandIds brands, IOptions<AlertOptions> options, TimeProvider time, ILogger<AlertMetricsRefresher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _metrics = metrics;
        _brands = brands;
        _interval = options.Value.MetricsRefreshInterval;
        _time = time;
        _logger = logger;
    }

    /// <summary>Reads every brand's counts once. A brand whose read fails keeps its last counts.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var brandId in _brands.Current())
        {
            try
            {
                _metrics.Set(brandId, await _store.CountUnresolvedAsync(brandId, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.MetricsRefreshFailed(brandId, $"{e.GetType().Name}: {e.Message}");
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            do
            {
                await RefreshAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
