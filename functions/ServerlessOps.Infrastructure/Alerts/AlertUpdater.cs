using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Concurrency;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// Acknowledges and resolves alerts (the API, and <see cref="IAlertRaiser.ClearAsync"/>): reads, applies the
/// transition (<see cref="AlertTransitions"/>), writes under the ETag, and on a lost race reads and decides again, so a
/// raise counting the alert at the same moment never turns an acknowledgement into a conflict for the caller.
/// </summary>
public sealed class AlertUpdater
{
    private const int MaxAttempts = 8;

    private readonly IAlertStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertUpdater> _logger;

    public AlertUpdater(IAlertStore store, TimeProvider time, ILogger<AlertUpdater> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
    }

    public Task<AlertUpdate> AcknowledgeAsync(string brandId, string alertId, string by, CancellationToken cancellationToken = default) =>
        UpdateAsync(brandId, alertId, "acknowledged", by, (alert, now) => AlertTransitions.Acknowledge(alert, by, now), cancellationToken);

    public Task<AlertUpdate> ResolveAsync(string brandId, string alertId, string by, string? resolution, CancellationToken cancellationToken = default) =>
        UpdateAsync(brandId, alertId, "resolved", by, (alert, now) => AlertTransitions.Resolve(alert, by, now, resolution), cancellationToken);

    private async Task<AlertUpdate> UpdateAsync(
        string brandId, string alertId, string transition, string by, Func<Alert, DateTimeOffset, AlertChange> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await _store.GetAsync(brandId, alertId, cancellationToken);
            if (current is null)
            {
                return AlertUpdate.NotFound;
            }

            var decided = change(current.Value, _time.GetUtcNow());
            if (decided.Next is not { } next)
            {
                return new AlertUpdate(null, decided.Refusal);
            }

            try
            {
                var stored = await _store.ReplaceAsync(current, next, cancellationToken);
                _logger.AlertChanged(alertId, brandId, transition, by);
                return new AlertUpdate(stored.Value, null);
            }
            catch (ConcurrencyConflictException)
            {
                // Raised, notified or changed by someone else meanwhile: decide again on what is stored now.
            }
        }

        throw new ConcurrencyConflictException($"Alert {alertId} of brand {brandId} changed {MaxAttempts} times while it was being {transition}; try again.");
    }
}
