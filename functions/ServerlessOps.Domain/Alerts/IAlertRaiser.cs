namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// How the rest of the app raises and clears business alerts (order flows, the backstop, token refresh, the monthly
/// review). Safe to call from any number of instances at once and to retry: one brand, kind and subject is one alert,
/// and it notifies its owner once until it changes materially or is resolved (<see cref="AlertRaising"/>).
/// </summary>
public interface IAlertRaiser
{
    /// <summary>
    /// Records the raise (creating, counting, worsening or reopening the alert) and, when the owner must be told,
    /// hands the notification off: it is sent after this returns, from a queue, and retried by a timer while the chat
    /// endpoint fails, so a failing endpoint never fails or slows the raise. Throws <see cref="ArgumentException"/>
    /// for an invalid raise (<see cref="AlertRaise.Validate"/>) and the store's unavailability exception when the
    /// alert could not be recorded (then nothing was, and retrying is safe).
    /// </summary>
    Task<AlertRaiseResult> RaiseAsync(AlertRaise raise, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resolves the alert of this brand, kind and subject as <see cref="AlertTransitions.System"/>, when the code that
    /// raised it sees the cause gone (the account re-authorised, the order shipped). Returns the resolved alert, or null
    /// when there was none unresolved. Idempotent.
    /// </summary>
    Task<Alert?> ClearAsync(string brandId, AlertKind kind, AlertSubject subject, string resolution, CancellationToken cancellationToken = default);
}
