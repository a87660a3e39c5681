using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.OrderFlow;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// The retry timer's work, brand by brand (each a single-partition query): sends notifications still pending
/// <see cref="AlertOptions.RetryAfter"/> after they were requested or last failed (the chat endpoint was down, the
/// hand-off was lost, a sender died holding the claim), resolves the price alerts of orders whose flow has ended (or is
/// gone from the engine long after the order was placed), then
/// repairs the brand's open-alert rollup. A brand whose part fails is logged and counted, and the sweep goes on to the
/// next brand.
/// </summary>
public sealed class AlertSweep
{
    /// <summary>The kinds an order's flow resolves when it ends (its price was checked once, at placement).</summary>
    private static readonly AlertKind[] _orderPriceKinds = [AlertKind.PriceBelowFloor, AlertKind.ContributionNegative];

    private readonly IAlertStore _store;
    private readonly AlertNotifier _notifier;
    private readonly AlertUpdater _updater;
    private readonly IOrderFlowEndStore _flowEnds;
    private readonly IOrderStore _orders;
    private readonly PurgedOrderFlows _purged;
    private readonly AlertBrandIds _brands;
    private readonly IOptionsMonitor<AlertOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertSweep> _logger;

    public AlertSweep(
        IAlertStore store,
        AlertNotifier notifier,
        AlertUpdater updater,
        IOrderFlowEndStore flowEnds,
        IOrderStore orders,
        PurgedOrderFlows purged,
        AlertBrandIds brands,
        IOptionsMonitor<AlertOptions> options,
        TimeProvider time,
        ILogger<AlertSweep> logger)
    {
        _store = store;
        _notifier = notifier;
        _updater = updater;
        _flowEnds = flowEnds;
        _orders = orders;
        _purged = purged;
        _brands = brands;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task<AlertSweepResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var total = new AlertSweepResult(0, 0, 0, 0);
        foreach (var brandId in _brands.Current())
        {
            try
            {
                var brand = await SweepBrandAsync(brandId, cancellationToken);
                total = new(
                    total.Sent + brand.Sent,
                    total.Failed + brand.Failed,
                    total.CountsRepaired + brand.CountsRepaired,
                    total.BrandsFailed,
                    total.OrderPriceAlertsResolved + brand.OrderPriceAlertsResolved);
            }
            catch (Exception e) when (e is StoreUnavailableException or Domain.Concurrency.ConcurrencyConflictException)
            {
                _logger.SweepFailed(brandId, e.Message);
                total = total with { BrandsFailed = total.BrandsFailed + 1 };
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One brand's bad data (a document this build cannot read, a bug its alerts hit) must not keep every
                // brand swept after it from being notified: log it loudly, count it, go on to the next brand.
                _logger.SweepBrandBroken(brandId, e.GetType().Name, e);
                total = total with { BrandsFailed = total.BrandsFailed + 1 };
            }
        }

        return total;
    }

    private async Task<AlertSweepResult> SweepBrandAsync(string brandId, CancellationToken cancellationToken)
    {
        int sent = 0, failed = 0;
        var retryAfter = _options.CurrentValue.RetryAfter;
        foreach (var alert in await _store.ListPendingNotificationsAsync(brandId, cancellationToken))
        {
            if (!AlertNotifications.IsDueForRetry(alert, _time.GetUtcNow(), retryAfter))
            {
                continue;
            }

            switch (await _notifier.SendAsync(brandId, alert.Id, cancellationToken))
            {
                case AlertNotifyOutcome.Sent:
                    sent++;
                    break;
                case AlertNotifyOutcome.Failed:
                    failed++;
                    break;
            }
        }

        var resolved = await ResolveEndedOrdersPriceAlertsAsync(brandId, cancellationToken);
        var repaired = await _store.RepairCountsAsync(brandId, cancellationToken);
        return new AlertSweepResult(sent, failed, repaired, 0, resolved);
    }

    /// <summary>
    /// An order's flow resolves its price alerts when it ends; a flow that ended before it did so (or whose clearing
    /// failed) left them open for good. Resolves, as <c>system</c>, each unresolved order price alert whose order's flow
    /// has an end record (<see cref="IOrderFlowEndStore"/>, a point read each): idempotent, as the flow's own clearing.
    /// Flows purged before end records existed left none; for those, <see cref="WhyFlowGoneAsync"/>.
    /// </summary>
    private async Task<int> ResolveEndedOrdersPriceAlertsAsync(string brandId, CancellationToken cancellationToken)
    {
        var resolved = 0;
        foreach (var kind in _orderPriceKinds)
        {
            foreach (var state in new[] { AlertState.Open, AlertState.Acknowledged })
            {
                foreach (var alert in await _store.ListAsync(brandId, state, kind, cancellationToken))
                {
                    if (!string.Equals(alert.Subject.Type, "order", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var why = await _flowEnds.GetAsync(brandId, alert.Subject.Id, cancellationToken) is { } ended
                        ? $"The order's flow ended ({ended.Outcome})."
                        : await WhyFlowGoneAsync(brandId, alert, cancellationToken);
                    if (why is null)
                    {
                        continue;
                    }

                    var update = await _updater.ResolveAsync(brandId, alert.Id, AlertTransitions.System, why, cancellationToken);
                    if (update.Refusal is null && update.Alert is not null)
                    {
                        resolved++;
                    }
                }
            }
        }

        return resolved;
    }

    /// <summary>
    /// Why the flow of the alert's order is surely over though it recorded no end (<see cref="PurgedOrderFlows"/>, the test
    /// the flow starter applies too): the order was placed longer ago than a flow lives and the engine holds no instance of
    /// its flow (purged). Null when either is not so, or the order is not found: a flow that exists, in any state, keeps its alerts.
    /// </summary>
    /// <remarks>
    /// The alert was raised after the order was placed, so an alert younger than the bound costs no read; an older one
    /// costs an order read and an instance read per sweep while its flow runs on.
    /// </remarks>
    private async Task<string?> WhyFlowGoneAsync(string brandId, Alert alert, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (alert.FirstSeen >= _purged.PlacedBefore(now)
            || await _orders.GetAsync(brandId, alert.Subject.Id, cancellationToken) is not { } stored)
        {
            return null;
        }

        return await _purged.WhyGoneAsync(stored.Value.Order, stored.Value.FirstStoredAt, now, cancellationToken);
    }
}
