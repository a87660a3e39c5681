using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>
/// Where each account's tokens and refresh lease live (<see cref="CosmosChannelTokenStore"/>). Every write but a
/// connection's is conditional: a create meets an existing document, a replace a newer ETag, and either throws
/// <see cref="ConcurrencyConflictException"/>; an outage throws <see cref="StoreUnavailableException"/>.
/// </summary>
public interface IChannelTokenStore
{
    Task<Versioned<ChannelTokenDocument>?> ReadAsync(SalesChannel channel, string accountId, CancellationToken cancellationToken = default);

    /// <returns>The new ETag.</returns>
    Task<string> CreateAsync(ChannelTokenDocument document, CancellationToken cancellationToken = default);

    /// <returns>The new ETag.</returns>
    Task<string> ReplaceAsync(ChannelTokenDocument document, string ifMatchETag, CancellationToken cancellationToken = default);

    /// <summary>A new authorisation: whatever was stored (a revoked grant, a lease in progress) is replaced; an old lease holder's write then fails on its ETag.</summary>
    /// <returns>The new ETag.</returns>
    Task<string> UpsertAsync(ChannelTokenDocument document, CancellationToken cancellationToken = default);
}
