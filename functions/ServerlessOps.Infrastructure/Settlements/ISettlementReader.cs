using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Settlements;

namespace ServerlessOps.Infrastructure.Settlements;

/// <summary>Reads one channel's settlement data for a channel account, as channel-neutral lines and payouts.</summary>
public interface ISettlementReader
{
    SalesChannel Channel { get; }

    /// <summary>
    /// The account's payouts (settlement periods) of [<paramref name="from"/>, <paramref name="until"/>) with all their
    /// lines, read completely before anything is returned: a body that is not what the channel documents throws
    /// <see cref="SettlementAnswerException"/> naming the channel and the field; HTTP failures throw the channel API
    /// exceptions (<see cref="Channels.ChannelApiException"/> and its kinds).
    /// </summary>
    Task<SettlementBatch> ReadAsync(ChannelAccount account, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);
}
