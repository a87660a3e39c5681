using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// The de-duplication rule: what a raise does to the alert stored under its id (or to none). Pure, so the store
/// applies it under an ETag and simply decides again on a conflict.
/// <list type="table">
/// <item><term>the raise's occurrence key counted already</term><description><see cref="AlertRaiseOutcome.AlreadyCounted"/>: the same raise run again; the stored alert unchanged, whatever its state.</description></item>
/// <item><term>none stored</term><description><see cref="AlertRaiseOutcome.Opened"/>: a new alert; notify.</description></item>
/// <item><term>resolved</term><description><see cref="AlertRaiseOutcome.Reopened"/>: the next episode opens (the finished one kept in <see cref="Alert.PastEpisodes"/>); notify.</description></item>
/// <item><term>unresolved, materially worse</term><description><see cref="AlertRaiseOutcome.Worsened"/> (<see cref="AlertRenotifyPolicy"/>): counted, back to open if acknowledged; notify.</description></item>
/// <item><term>unresolved otherwise</term><description><see cref="AlertRaiseOutcome.Repeated"/>: last seen and occurrences updated; no notification; an acknowledgement stands.</description></item>
/// </list>
/// Every outcome but <see cref="AlertRaiseOutcome.AlreadyCounted"/> notes the raise's occurrence key, if any, and takes the latest raise's message, severity, money, evidence, channel and owner.
/// </summary>
public static class AlertRaising
{
    /// <param name="current">The stored alert, or null.</param>
    /// <param name="raise">A validated raise.</param>
    /// <param name="owner">The owner resolved for the raise's signal and channel, or null.</param>
    /// <param name="now">The raise's time.</param>
    /// <param name="notify">Whether notifications are on (a chat endpoint is configured): when off, nothing is requested, but the baseline still moves.</param>
    public static (Alert Alert, AlertRaiseOutcome Outcome) Decide(
        Alert? current, AlertRaise raise, string? owner, DateTimeOffset now, AlertRenotifyPolicy policy, bool notify)
    {
        ArgumentNullException.ThrowIfNull(raise);
        ArgumentNullException.ThrowIfNull(policy);
        var info = raise.Kind.Describe();
        var severity = raise.Severity ?? info.Severity;
        var signal = raise.Signal ?? info.Signal;
        if (current is not null && raise.OccurrenceKey is { } key && current.CountedKeys.Contains(key, StringComparer.Ordinal))
        {
            return (current, AlertRaiseOutcome.AlreadyCounted);
        }

        if (current is null)
        {
            var opened = new Alert
            {
                Id = AlertIds.For(raise.BrandId, raise.Kind, raise.Subject),
                BrandId = raise.BrandId,
                Kind = raise.Kind,
                Subject = raise.Subject,
                Signal = signal,
                Severity = severity,
                FirstSeen = now,
                LastSeen = now,
                Message = raise.Message,
            };
            return (Latest(opened, raise, signal, severity, owner) with { Notification = Request(new AlertNotification(), AlertRaiseOutcome.Opened, severity, raise.MoneyAtStake, now, notify) }, AlertRaiseOutcome.Opened);
        }

        EnsureSameAlert(current, raise);
        if (current.State == AlertState.Resolved)
        {
            var reopened = current with
            {
                Episode = current.Episode + 1,
                PastEpisodes = [Summary(current), .. current.PastEpisodes.Take(Alert.MaxPastEpisodes - 1)],
                FirstSeen = now,
                LastSeen = now,
                Occurrences = 1,
                State = AlertState.Open,
                AcknowledgedBy = null,
                AcknowledgedAt = null,
                ResolvedBy = null,
                ResolvedAt = null,
                Resolution = null,
            };
            return (Latest(reopened, raise, signal, severity, owner) with { Notification = Request(current.Notification, AlertRaiseOutcome.Reopened, severity, raise.MoneyAtStake, now, notify) }, AlertRaiseOutcome.Reopened);
        }

        var repeated = current with
        {
            LastSeen = now > current.LastSeen ? now : current.LastSeen,
            Occurrences = current.Occurrences + 1,
        };
        if (!policy.IsMaterial(current.Notification, severity, raise.MoneyAtStake))
        {
            return (Latest(repeated, raise, signal, severity, owner), AlertRaiseOutcome.Repeated);
        }

        var worsened = repeated with
        {
            State = AlertState.Open,
            AcknowledgedBy = null,
            AcknowledgedAt = null,
            Notification = Request(current.Notification, AlertRaiseOutcome.Worsened, severity, raise.MoneyAtStake, now, notify),
        };
        return (Latest(worsened, raise, signal, severity, owner), AlertRaiseOutcome.Worsened);
    }

    private static Alert Latest(Alert alert, AlertRaise raise, BrandSignal signal, AlertSeverity severity, string? owner) => alert with
    {
        Signal = signal,
        Channel = raise.Channel,
        Severity = severity,
        Owner = owner,
        Message = raise.Message,
        MoneyAtStake = raise.MoneyAtStake,
        Evidence = raise.Evidence is { } evidence ? new Dictionary<string, string>(evidence, StringComparer.Ordinal) : new Dictionary<string, string>(),
        CountedKeys = raise.OccurrenceKey is { } key ? [.. alert.CountedKeys.TakeLast(Alert.MaxCountedKeys - 1), key] : alert.CountedKeys,
    };

    /// <summary>A new notification, or (notifications off) only the new baseline. A pending one is superseded, its failed attempts forgotten.</summary>
    private static AlertNotification Request(
        AlertNotification previous, AlertRaiseOutcome reason, AlertSeverity severity, MoneyAtStake? money, DateTimeOffset now, bool notify)
    {
        var baseline = previous with { BaselineSeverity = severity, BaselineMoney = money };
        return !notify
            ? baseline
            : baseline with
            {
                Sequence = previous.Sequence + 1,
                Pending = true,
                Reason = reason,
                RequestedAt = now,
                Attempts = 0,
                LastAttemptAt = null,
                LastError = null,
                LastStatus = null,
                BackedOffUntil = null,
            };
    }

    private static AlertEpisode Summary(Alert alert) => new(
        alert.Episode, alert.FirstSeen, alert.LastSeen, alert.Occurrences, alert.AcknowledgedBy, alert.ResolvedBy, alert.ResolvedAt, alert.Resolution);

    private static void EnsureSameAlert(Alert current, AlertRaise raise)
    {
        if (current.Kind != raise.Kind || current.Subject != raise.Subject || !string.Equals(current.BrandId, raise.BrandId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Alert {current.Id} is {current.DedupeKey}, not {AlertIds.DedupeKey(raise.BrandId, raise.Kind, raise.Subject)}: a raise was applied to another alert's record.");
        }
    }
}
