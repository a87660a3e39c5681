using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Domain.Orders;

/// <summary>
/// Tells a channel that the seller has the order and will fulfil it, on the channels that ask for it
/// (<see cref="OrderAcknowledgement.IsAskedBy"/>). Acknowledging again is harmless: the channel keeps the order acknowledged.
/// </summary>
public interface IOrderAcknowledger
{
    /// <returns>Taken, or the channel's lasting refusal (<see cref="AcknowledgementAnswer"/>).</returns>
    /// <exception cref="ArgumentException">The account's channel does not take acknowledgements.</exception>
    /// <remarks>Throws when the channel could not be reached or kept failing (throttled, unavailable) after retries.</remarks>
    Task<AcknowledgementAnswer> AcknowledgeAsync(ChannelAccount account, string externalOrderId, CancellationToken cancellationToken = default);
}
