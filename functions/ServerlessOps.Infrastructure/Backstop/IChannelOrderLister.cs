using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>
/// Lists a channel account's orders changed in a window, one page per call, through the channel's own search
/// (Shopify GraphQL <c>orders</c>, Amazon <c>getOrders</c>, Walmart <c>GET /v3/orders</c>, TikTok Search Orders).
/// Calls go through the channel's resilience pipeline, so a 429 is waited out per its Retry-After before this throws.
/// </summary>
public interface IChannelOrderLister
{
    SalesChannel Channel { get; }

    /// <param name="pageToken">Null for the first page; then the previous page's <see cref="ChangedOrderPage.NextPageToken"/>.</param>
    /// <exception cref="Channels.ChannelApiUnavailableException">Throttled, 5xx or timed out after every retry.</exception>
    /// <exception cref="Channels.ChannelApiException">A permanent refusal.</exception>
    Task<ChangedOrderPage> ListChangedAsync(
        ChannelAccount account, ChangedOrderWindow window, int pageSize, string? pageToken, CancellationToken cancellationToken = default);
}
