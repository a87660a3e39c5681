using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessOps.Functions.OrderFlow;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Every five minutes (offset from the other sweeps), retries alert notifications still pending
/// <c>Alerts:RetryAfter</c> after they were requested or last failed, and repairs each brand's open-alert counts
/// (<see cref="AlertSweep"/>), and resolves the price alerts of orders whose flow ended, asking the engine (through the
/// bound durable client) whether an old order's flow is gone. This is what makes a failing chat endpoint delay a notification instead of losing it.
/// </summary>
public sealed partial class SweepAlerts : ITimerFunction
{
    /// <summary>Minutes 2, 7, 12, ... (NCRONTAB with seconds, UTC): away from RecoverStrandedDeliveries on 0, 5, 10.</summary>
    public const string Cron = "0 2-59/5 * * * *";

    private readonly AlertSweep _sweep;
    private readonly ILogger<SweepAlerts> _logger;

    public SweepAlerts(AlertSweep sweep, ILogger<SweepAlerts> logger)
    {
        _sweep = sweep;
        _logger = logger;
    }

    public string Name => nameof(SweepAlerts);

    public string Schedule => Cron;

    [Function(nameof(SweepAlerts))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        DurableClientScope.RunAsync(client, () => RunAsync(cancellationToken));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await _sweep.RunAsync(cancellationToken);
        if (result.Sent + result.Failed + result.CountsRepaired + result.BrandsFailed + result.OrderPriceAlertsResolved > 0)
        {
            Swept(result.Sent, result.Failed, result.CountsRepaired, result.OrderPriceAlertsResolved, result.BrandsFailed);
        }
    }

    [LoggerMessage(EventId = 1710, Level = LogLevel.Information,
        Message = "Alert sweep: {Sent} pending notifications sent, {Failed} failed again, {CountsRepaired} miscounted alerts recounted, {OrderPriceAlertsResolved} price alerts of ended orders resolved, {BrandsFailed} brands to retry")]
    private partial void Swept(int sent, int failed, int countsRepaired, int orderPriceAlertsResolved, int brandsFailed);
}
