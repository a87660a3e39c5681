using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory.Drift;
using ServerlessOps.Infrastructure.Drift;

namespace ServerlessOps.Functions.Tests.Drift;

/// <summary>
/// A channel's read-back client that runs an armed action once, just before its next read goes out: what happens on our
/// side between the checker's push-state read and the channel's answer (a push landing meanwhile).
/// </summary>
internal sealed class ReadHookedListingReader(IListingReadClient inner) : IListingReadClient
{
    private Func<Task>? _beforeNextRead;

    public SalesChannel Channel => inner.Channel;

    /// <summary>Runs <paramref name="action"/> before the next read only.</summary>
    public void BeforeNextRead(Func<Task> action) => _beforeNextRead = action;

    public async Task<ListingReadBack> ReadAsync(ChannelAccount account, ChannelListing listing, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _beforeNextRead, null) is { } action)
        {
            await action();
        }

        return await inner.ReadAsync(account, listing, cancellationToken);
    }
}
