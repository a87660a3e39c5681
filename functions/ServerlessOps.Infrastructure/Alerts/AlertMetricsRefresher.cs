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

    /// <summary>
    /// Reads every brand's counts once. A brand whose read fails keeps its last counts; while the brand registry is not
    /// loaded yet (it could not be read at start), every brand does, and the next round tries again.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> brands;
        try
        {
            brands = _brands.Current();
        }
        catch (StoreUnavailableException e)
        {
            // Thrown out of ExecuteAsync, this would stop the host, which the registry lets start without it.
            _logger.MetricsBrandsUnknown(e.Message);
            return;
        }

        foreach (var brandId in brands)
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
