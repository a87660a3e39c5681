using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;

namespace ServerlessOps.Domain.Ingestion;

/// <summary>
/// The channel-event log, partitioned by brand and UTC day received. One entry per delivery key; updates
/// carry the ETag they read.
/// </summary>
public interface IChannelEventLog
{
    Task<Versioned<ChannelEvent>?> GetAsync(string brandId, DateOnly receivedDay, string deliveryKey, CancellationToken cancellationToken = default);

    /// <summary>Creates the entry; <see cref="ConcurrencyConflictException"/> if one exists for the key.</summary>
    Task<Versioned<ChannelEvent>> CreateAsync(ChannelEvent channelEvent, CancellationToken cancellationToken = default);

    /// <summary>Replaces the entry if it still has <paramref name="ifMatchETag"/>.</summary>
    Task<Versioned<ChannelEvent>> ReplaceAsync(ChannelEvent channelEvent, string ifMatchETag, CancellationToken cancellationToken = default);

    /// <summary>A brand's entries for one day, oldest first, optionally for one channel.</summary>
    Task<IReadOnlyList<ChannelEvent>> ListAsync(string brandId, DateOnly receivedDay, SalesChannel? channel = null, CancellationToken cancellationToken = default);
}
