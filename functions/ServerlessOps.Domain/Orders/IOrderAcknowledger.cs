using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Domain.Orders;

/// <summary>
/// Tells a channel that the seller has the order and will fulfil it, on the channels that ask for it
/// (<see cref="OrderAcknowledgement.IsAskedBy"/>). Acknowledging again is harmless: the channel keeps the order acknowledged.
/// </summary>
public interface IOrderAcknowledger
{
    /// <exception cref="ArgumentException">The account's channel does not take acknowledgements.</exception>
    Task AcknowledgeAsync(ChannelAccount account, string externalOrderId, CancellationToken cancellationToken = default);
}
