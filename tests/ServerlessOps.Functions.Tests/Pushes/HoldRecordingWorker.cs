using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Functions.Tests.Pushes;

/// <summary>
/// A second push worker of the app that stops, once it has recorded a drop to zero in the brand's hold, at the hold's
/// alert until <see cref="Release"/>: the moment between the hold's write and the worker's own write of the listing.
/// </summary>
internal sealed class HoldRecordingWorker
{
    private readonly WorkerPause _pause = new();

    public HoldRecordingWorker(IServiceProvider services)
    {
        var brakes = ActivatorUtilities.CreateInstance<PushBrakes>(services, new Gated(services.GetRequiredService<IAlertRaiser>(), _pause));
        Worker = ActivatorUtilities.CreateInstance<ListingPushWorker>(services, brakes);
    }

    public ListingPushWorker Worker { get; }

    /// <summary>Completes when the worker has recorded the drop as held and not yet written the listing.</summary>
    public Task Recorded => _pause.Reached;

    public void Release() => _pause.Release();

    private sealed class Gated(IAlertRaiser inner, WorkerPause pause) : IAlertRaiser
    {
        public async Task<AlertRaiseResult> RaiseAsync(AlertRaise raise, CancellationToken cancellationToken = default)
        {
            if (raise.Kind == AlertKind.PushHeld)
            {
                await pause.HoldAsync(cancellationToken);
            }

            return await inner.RaiseAsync(raise, cancellationToken);
        }

        public Task<Alert?> ClearAsync(string brandId, AlertKind kind, AlertSubject subject, string resolution, CancellationToken cancellationToken = default) =>
            inner.ClearAsync(brandId, kind, subject, resolution, cancellationToken);
    }
}
