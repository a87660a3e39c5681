using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Reads an order back from a channel's API after a webhook said it changed (Amazon, Walmart and TikTok Shop
/// webhooks carry no money, CHANNELS.md 5.7). The document holds the raw response bodies; the channel adapter maps them.
/// </summary>
public interface IChannelOrderReader
{
    /// <summary>The channel this reader calls.</summary>
    SalesChannel Channel { get; }

    /// <summary>Reads the order as the channel has it now.</summary>
    /// <exception cref="ChannelOrderNotFoundException">The channel does not know the order (404 or an empty answer).</exception>
    /// <exception cref="ChannelApiUnavailableException">Throttled, 5xx or timed out after every retry: try again later.</exception>
    /// <exception cref="ChannelApiException">A permanent refusal (400, 401, 403, a TikTok error code): retrying will not help.</exception>
    Task<ChannelOrderDocument> ReadOrderAsync(ChannelAccount account, string externalOrderId, CancellationToken cancellationToken = default);
}
