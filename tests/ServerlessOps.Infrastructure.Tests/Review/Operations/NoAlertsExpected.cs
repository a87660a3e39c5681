using ServerlessOps.Domain.Alerts;

namespace ServerlessOps.Infrastructure.Tests.Review.Operations;

/// <summary>An alert raiser for roadmaps without items: any alert is a test mistake.</summary>
internal sealed class NoAlertsExpected : IAlertRaiser
{
    public Task<AlertRaiseResult> RaiseAsync(AlertRaise raise, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"No alert was expected; {raise?.Kind} was raised.");

    public Task<Alert?> ClearAsync(string brandId, AlertKind kind, AlertSubject subject, string resolution, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"No alert was expected to clear; {kind} was.");
}
