using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>The price clients by channel.</summary>
public sealed class ListingPriceClients
{
    private readonly Dictionary<SalesChannel, IListingPriceClient> _clients;

    public ListingPriceClients(IEnumerable<IListingPriceClient> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _clients = [];
        foreach (var client in clients)
        {
            if (!_clients.TryAdd(client.Channel, client))
            {
                throw new ArgumentException($"Two price clients are registered for {client.Channel}.", nameof(clients));
            }
        }
    }

    public IListingPriceClient For(SalesChannel channel) =>
        _clients.TryGetValue(channel, out var client) ? client : throw new NotSupportedException($"No price client for {channel}.");
}
