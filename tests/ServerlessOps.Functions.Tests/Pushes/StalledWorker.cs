using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Functions.Tests.Pushes;

/// <summary>
/// A second push worker of the app whose channel calls wait, once decided, until <see cref="Release"/>: a push held
/// between its decision and the channel as long as the test likes (a process pause, a slow network), then landing.
/// </summary>
internal sealed class StalledWorker
{
    private readonly WorkerPause _pause = new();

    public StalledWorker(IServiceProvider services)
    {
        var clients = new ListingPushClients(services.GetServices<IListingPushClient>().Select(c => new Gated(c, _pause)));
        Worker = ActivatorUtilities.CreateInstance<ListingPushWorker>(services, clients);
    }

    public ListingPushWorker Worker { get; }

    /// <summary>Completes when the worker has decided and is about to call its channel.</summary>
    public Task Calling => _pause.Reached;

    public void Release() => _pause.Release();

    private sealed class Gated(IListingPushClient inner, WorkerPause pause) : IListingPushClient
    {
        public SalesChannel Channel => inner.Channel;

        public async Task<ListingPushAnswer> PushAsync(ListingPushRequest request, CancellationToken cancellationToken = default)
        {
            await pause.HoldAsync(cancellationToken);
            return await inner.PushAsync(request, cancellationToken);
        }
    }
}
