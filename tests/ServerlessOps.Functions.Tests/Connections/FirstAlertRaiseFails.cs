using ServerlessOps.Domain.Alerts;
using ServerlessOps.Infrastructure;

namespace ServerlessOps.Functions.Tests.Connections;

/// <summary>The app's alert raiser, but its first raise fails as if the alerts store were unavailable for a moment.</summary>
internal sealed class FirstAlertRaiseFails(IAlertRaiser inner) : IAlertRaiser
{
    private int _armed = 1;

    public Task<AlertRaiseResult> RaiseAsync(AlertRaise raise, CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _armed, 0) == 1
            ? throw new StoreUnavailableException("The alerts store did not answer (test).")
            : inner.RaiseAsync(raise, cancellationToken);

    public Task<Alert?> ClearAsync(string brandId, AlertKind kind, AlertSubject subject, string resolution, CancellationToken cancellationToken = default) =>
        inner.ClearAsync(brandId, kind, subject, resolution, cancellationToken);
}
