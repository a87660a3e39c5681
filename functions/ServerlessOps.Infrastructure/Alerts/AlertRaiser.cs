using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Concurrency;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// <see cref="IAlertRaiser"/>: resolves the owner, applies <see cref="AlertRaising.Decide"/> to what is stored under the
/// alert's deterministic id (create if absent, else replace under the ETag; a lost race reads and decides again), then
/// hands a requested notification to <see cref="AlertNotificationHandOff"/>. A raise whose occurrence key the alert already
/// counted writes nothing: a second execution of one raise that lost the race to the first finds the key on its re-read. The hand-off is best effort: the request is
/// already recorded in the alert, so a queue outage only delays it until the retry timer.
/// </summary>
public sealed class AlertRaiser : IAlertRaiser
{
    /// <summary>Lost races tolerated per raise: each loser re-reads and counts itself into the winner's alert.</summary>
    private const int MaxAttempts = 16;

    private readonly IAlertStore _store;
    private readonly IAlertOwnerResolver _owners;
    private readonly AlertNotificationHandOff _queue;
    private readonly AlertUpdater _updater;
    private readonly IOptionsMonitor<AlertOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertRaiser> _logger;

    public AlertRaiser(
        IAlertStore store,
        IAlertOwnerResolver owners,
        AlertNotificationHandOff queue,
        AlertUpdater updater,
        IOptionsMonitor<AlertOptions> options,
        TimeProvider time,
        ILogger<AlertRaiser> logger)
    {
        _store = store;
        _owners = owners;
        _queue = queue;
        _updater = updater;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task<AlertRaiseResult> RaiseAsync(AlertRaise raise, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raise);
        raise.Validate();
        var options = _options.CurrentValue;
        var policy = new AlertRenotifyPolicy(options.RenotifyMoneyIncrease, options.RenotifyMinimumIncrease);
        var signal = raise.Signal ?? raise.Kind.Describe().Signal;
        var owner = await _owners.ResolveAsync(raise.BrandId, signal, raise.Channel, cancellationToken);
        var id = AlertIds.For(raise.BrandId, raise.Kind, raise.Subject);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await _store.GetAsync(raise.BrandId, id, cancellationToken);
            var (next, outcome) = AlertRaising.Decide(current?.Value, raise, owner, _time.GetUtcNow(), policy, options.Notifies);
            if (outcome == AlertRaiseOutcome.AlreadyCounted && current is not null)
            {
                // The same raise run again (its occurrence key is noted in the alert): nothing to write, nothing to hand off.
                _logger.AlertRaised(id, raise.BrandId, outcome, raise.Kind, raise.Subject, current.Value.Occurrences, current.Value.Episode, notifies: false);
                return new AlertRaiseResult(current.Value, outcome);
            }

            Versioned<Alert> stored;
            try
            {
                stored = current is null
                    ? await _store.CreateAsync(next, cancellationToken)
                    : await _store.ReplaceAsync(current, next, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // Another instance raised (or acknowledged, or notified) it first: decide again on what it stored,
                // after a pause spread out so a crowd of raisers of one alert does not collide in lockstep.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10) * (attempt + 1)), cancellationToken);
                continue;
            }

            var result = new AlertRaiseResult(stored.Value, outcome);
            _logger.AlertRaised(id, raise.BrandId, outcome, raise.Kind, raise.Subject, stored.Value.Occurrences, stored.Value.Episode, result.Notifies);
            if (result.Notifies)
            {
                await HandOffAsync(stored.Value, cancellationToken);
            }

            return result;
        }

        throw new ConcurrencyConflictException(
            $"Raising {raise.Kind.Slug()} on {raise.Subject} for brand {raise.BrandId} lost {MaxAttempts} races for alert {id}; raise it again.");
    }

    public async Task<Alert?> ClearAsync(string brandId, AlertKind kind, AlertSubject subject, string resolution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var update = await _updater.ResolveAsync(brandId, AlertIds.For(brandId, kind, subject), AlertTransitions.System, resolution, cancellationToken);
        return update.Alert;
    }

    private async Task HandOffAsync(Alert alert, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.EnqueueAsync(new AlertNotificationMessage(alert.BrandId, alert.Id, alert.Notification.Sequence), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.HandOffFailed(alert.Id, alert.BrandId, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
