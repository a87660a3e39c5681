using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>The push clients by channel.</summary>
public sealed class ListingPushClients
{
    private readonly Dictionary<SalesChannel, IListingPushClient> _clients;

    public ListingPushClients(IEnumerable<IListingPushClient> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _clients = [];
        foreach (var client in clients)
        {
            if (!_clients.TryAdd(client.Channel, client))
            {
                throw new ArgumentException($"Two push clients are registered for {client.Channel}.", nameof(clients));
            }
        }
    }

    public IListingPushClient For(SalesChannel channel) =>
        _clients.TryGetValue(channel, out var client) ? client : throw new NotSupportedException($"No inventory push client for {channel}.");
}
