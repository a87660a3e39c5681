using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>The order readers by channel. Shopify has none: its webhooks carry the whole order.</summary>
public sealed class ChannelOrderReaders
{
    private readonly Dictionary<SalesChannel, IChannelOrderReader> _readers;

    public ChannelOrderReaders(IEnumerable<IChannelOrderReader> readers)
    {
        ArgumentNullException.ThrowIfNull(readers);
        _readers = [];
        foreach (var reader in readers)
        {
            if (!_readers.TryAdd(reader.Channel, reader))
            {
                throw new ArgumentException($"Two order readers are registered for {reader.Channel}.", nameof(readers));
            }
        }
    }

    public bool TryGet(SalesChannel channel, out IChannelOrderReader reader) => _readers.TryGetValue(channel, out reader!);

    /// <exception cref="NotSupportedException">No reader for the channel (Shopify: the webhook is the order).</exception>
    public IChannelOrderReader For(SalesChannel channel) =>
        TryGet(channel, out var reader)
            ? reader
            : throw new NotSupportedException($"No order reader for {channel}: its webhooks carry the whole order, nothing is re-read.");

    /// <summary>Shorthand for <c>For(account.Channel).ReadOrderAsync(...)</c>.</summary>
    public Task<ChannelOrderDocument> ReadOrderAsync(ChannelAccount account, string externalOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return For(account.Channel).ReadOrderAsync(account, externalOrderId, cancellationToken);
    }

    /// <summary>
    /// The order and, when <paramref name="includeReturns"/> and the channel has a returns API (<see cref="IChannelReturnReader"/>),
    /// its returns as one more part of the document. Channels without one return the order alone.
    /// </summary>
    public async Task<ChannelOrderDocument> ReadOrderAsync(ChannelAccount account, string externalOrderId, bool includeReturns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var reader = For(account.Channel);
        var document = await reader.ReadOrderAsync(account, externalOrderId, cancellationToken);
        if (!includeReturns || reader is not IChannelReturnReader returns)
        {
            return document;
        }

        var body = await returns.ReadReturnsAsync(account, externalOrderId, cancellationToken);
        return document with { Parts = new Dictionary<string, string>(document.Parts) { [returns.ReturnsPart] = body } };
    }
}
