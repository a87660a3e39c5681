using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// Sets one listing's price on one channel, through the channel's resilience pipeline (the pushes' HttpClient setup:
/// <see cref="ListingClientRegistration"/>). What is left after the retries is thrown as the pushes throw it:
/// <see cref="Channels.ChannelApiUnavailableException"/> when it may pass by itself, <see cref="Channels.ChannelApiException"/> when refused.
/// CHANNELS.md documents no price call for any channel; each client follows the channel's public API (README.md).
/// </summary>
public interface IListingPriceClient
{
    SalesChannel Channel { get; }

    Task<ListingPushAnswer> SetPriceAsync(ListingPriceRequest request, CancellationToken cancellationToken = default);
}
