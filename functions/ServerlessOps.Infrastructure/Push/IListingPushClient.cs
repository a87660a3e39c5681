using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// Sets one listing's available quantity on one channel (CHANNELS.md 1.8, 2.8, 3.6, 4.6), through the channel's
/// resilience pipeline (408/429/5xx and timeouts retried with back-off, Retry-After honoured, bounded by the total
/// timeout). What is left after the retries is thrown: <see cref="Channels.ChannelApiUnavailableException"/> when it
/// may pass by itself, <see cref="Channels.ChannelApiException"/> when the channel refused the call.
/// </summary>
public interface IListingPushClient
{
    SalesChannel Channel { get; }

    Task<ListingPushAnswer> PushAsync(ListingPushRequest request, CancellationToken cancellationToken = default);
}
