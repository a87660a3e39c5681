using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Concurrency;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// Sends an alert's pending notification: claims it under the alert's ETag (so the queue hand-off and the retry timer,
/// or two copies of a message, post it once), posts it, and records delivery or failure. Used by the queue function
/// <c>SendAlertNotification</c> and by <see cref="AlertSweep"/>.
/// </summary>
public sealed class AlertNotifier
{
    /// <summary>Rounds per call: a notification requested while the previous one was being posted is posted next, up to this many.</summary>
    private const int MaxRounds = 3;

    /// <summary>
    /// Attempts at one ETag-guarded write before giving up on this call (the claim then runs out, and the timer retries);
    /// recording a delivered post goes on past it while the sender's claim stands.
    /// </summary>
    private const int MaxWriteAttempts = 8;

    private readonly IAlertStore _store;
    private readonly AlertWebhookClient _client;
    private readonly IOptionsMonitor<AlertOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertNotifier> _logger;
    private readonly string? _apiBaseUrl;

    public AlertNotifier(
        IAlertStore store, AlertWebhookClient client, IOptionsMonitor<AlertOptions> options, IConfiguration configuration, TimeProvider time, ILogger<AlertNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _store = store;
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;

        // App Service and Functions set WEBSITE_HOSTNAME to the app's default host name; elsewhere the link is a path.
        _apiBaseUrl = configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } host ? "https://" + host : null;
    }

    public async Task<AlertNotifyOutcome> SendAsync(string brandId, string alertId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(alertId);
        var outcome = AlertNotifyOutcome.NothingPending;
        for (var round = 0; round < MaxRounds; round++)
        {
            var (claimed, refusal) = await ClaimAsync(brandId, alertId, cancellationToken);
            if (claimed is null)
            {
                return round == 0 ? refusal : outcome;
            }

            var options = _options.CurrentValue;
            var sequence = claimed.Value.Notification.Sequence;
            var claim = claimed.Value.Notification.ClaimedUntil;
            if (!options.Notifies)
            {
                const string why = "not sent: Alerts:WebhookUrl is empty (alerts are recorded only)";
                await RecordAsync(claimed, a => AlertNotifications.Dropped(a, why), cancellationToken);
                _logger.NotificationDropped(alertId, brandId, why);
                return AlertNotifyOutcome.Dropped;
            }

            var failure = await _client.PostAsync(AlertChatMessage.Build(claimed.Value, _apiBaseUrl), cancellationToken);
            var at = _time.GetUtcNow();
            if (failure is not null)
            {
                var attempt = claimed.Value.Notification.Attempts + 1;
                if (failure.Refused)
                {
                    // Retrying soon cannot help (the webhook was deleted or revoked): back off, keep it pending so the
                    // alert goes out once someone fixes the channel, and tell the on-call engineer.
                    var backOff = AlertNotifications.RefusalBackOff(attempt, options.RetryAfter, options.MaxRefusedBackOff);
                    await RecordAsync(claimed, a => AlertNotifications.Failed(a, sequence, at, failure.Error, failure.Status, backOff, claim), cancellationToken);
                    _logger.NotificationRefused(alertId, brandId, sequence, failure.Status.GetValueOrDefault(), attempt, backOff);
                    return AlertNotifyOutcome.Failed;
                }

                await RecordAsync(claimed, a => AlertNotifications.Failed(a, sequence, at, failure.Error, failure.Status, claimedUntil: claim), cancellationToken);
                _logger.NotificationFailed(alertId, brandId, sequence, attempt, failure.Error);
                return AlertNotifyOutcome.Failed;
            }

            // The post cannot be taken back: a lost race is no reason to give up recording it while this sender's claim
            // stands (nobody else may post it meanwhile), since giving up leaves it pending for the timer to post again.
            var recorded = await RecordAsync(claimed, a => AlertNotifications.Delivered(a, sequence, at, claim), cancellationToken, persistUntil: claim);
            _logger.NotificationDelivered(alertId, brandId, sequence);
            outcome = AlertNotifyOutcome.Sent;
            if (recorded is null || !recorded.Notification.Pending)
            {
                return outcome;
            }
        }

        return outcome;
    }

    private async Task<(Versioned<Alert>? Claimed, AlertNotifyOutcome Refusal)> ClaimAsync(string brandId, string alertId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var current = await _store.GetAsync(brandId, alertId, cancellationToken);
            if (current is null)
            {
                return (null, AlertNotifyOutcome.NotFound);
            }

            var now = _time.GetUtcNow();
            if (AlertNotifications.Claim(current.Value, now, _options.CurrentValue.ClaimTimeout) is not { } claim)
            {
                var live = current.Value.Notification is { Pending: true, ClaimedUntil: { } until } && until > now && current.Value.IsUnresolved;
                return (null, live ? AlertNotifyOutcome.ClaimedElsewhere : AlertNotifyOutcome.NothingPending);
            }

            try
            {
                return (await _store.ReplaceAsync(current, claim, cancellationToken), AlertNotifyOutcome.Sent);
            }
            catch (ConcurrencyConflictException)
            {
                // Raised again or claimed meanwhile: look again.
            }
        }

        return (null, AlertNotifyOutcome.ClaimedElsewhere);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the alert as known, re-reading on a conflict (a raise may have counted it
    /// meanwhile): <see cref="MaxWriteAttempts"/> times, and beyond that for as long as it is before <paramref name="persistUntil"/>.
    /// </summary>
    private async Task<Alert?> RecordAsync(Versioned<Alert> known, Func<Alert, Alert> change, CancellationToken cancellationToken, DateTimeOffset? persistUntil = null)
    {
        var current = known;
        for (var attempt = 1; attempt <= MaxWriteAttempts || (persistUntil is { } until && _time.GetUtcNow() < until); attempt++)
        {
            try
            {
                return (await _store.ReplaceAsync(current, change(current.Value), cancellationToken)).Value;
            }
            catch (ConcurrencyConflictException)
            {
                if (attempt >= MaxWriteAttempts)
                {
                    // A crowd is writing this alert (a burst of raises): step aside a little, spread out (real time, not
                    // the injected clock: it paces this process's retries and means nothing to the domain).
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10) * Math.Min(attempt, 20)), cancellationToken);
                }

                if (await _store.GetAsync(known.Value.BrandId, known.Value.Id, cancellationToken) is not { } fresh)
                {
                    return null;
                }

                current = fresh;
            }
        }

        throw new ConcurrencyConflictException(
            $"Alert {known.Value.Id} of brand {known.Value.BrandId} changed {MaxWriteAttempts} times while its notification outcome was recorded; its claim runs out and the retry timer takes it again.");
    }
}
