using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Drift;

/// <summary>The read-back clients by channel.</summary>
public sealed class ListingReadClients(IEnumerable<IListingReadClient> clients)
{
    private readonly Dictionary<SalesChannel, IListingReadClient> _clients = clients.ToDictionary(c => c.Channel);

    public IListingReadClient For(SalesChannel channel) =>
        _clients.TryGetValue(channel, out var client) ? client : throw new NotSupportedException($"No listing read-back client for {channel}.");
}
