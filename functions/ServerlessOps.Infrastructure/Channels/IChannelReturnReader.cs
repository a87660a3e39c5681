using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// A channel whose refunds live apart from the order, in a returns API (TikTok Shop Search Returns): read when a
/// delivery says a return changed (<see cref="Domain.Channels.OrderSignal.IncludesReturns"/>).
/// </summary>
public interface IChannelReturnReader
{
    /// <summary>The <see cref="Domain.Channels.ChannelOrderDocument"/> part the returns go into.</summary>
    string ReturnsPart { get; }

    /// <summary>Every return of the order, every page merged into one body the channel adapter maps.</summary>
    /// <exception cref="ChannelApiUnavailableException">Throttled, 5xx or timed out after every retry.</exception>
    /// <exception cref="ChannelApiException">A permanent refusal.</exception>
    Task<string> ReadReturnsAsync(ChannelAccount account, string externalOrderId, CancellationToken cancellationToken = default);
}
