using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Tests.Connections;

/// <summary>
/// The token store of an instance that dies right after a refresh: once <see cref="Armed"/>, every write that would store
/// a refreshed token fails, as if the process ended between the channel's answer and our write. Leases, releases and
/// revocations pass through, so the lease the "dead" instance took stays behind as it would.
/// </summary>
internal sealed class CrashingTokenStore(IChannelTokenStore inner) : IChannelTokenStore
{
    private int _lost;

    public volatile bool Armed;

    /// <summary>Refreshed tokens (with their rotated refresh tokens) that never reached the store.</summary>
    public int Lost => Volatile.Read(ref _lost);

    public Task<Versioned<ChannelTokenDocument>?> ReadAsync(SalesChannel channel, string accountId, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(channel, accountId, cancellationToken);

    public Task<string> CreateAsync(ChannelTokenDocument document, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(document, cancellationToken);

    public Task<string> ReplaceAsync(ChannelTokenDocument document, string ifMatchETag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (Armed && document.Lease is null && document.AccessToken is not null && !document.IsRevoked)
        {
            Interlocked.Increment(ref _lost);
            throw new StoreUnavailableException("The instance died before the refreshed token was stored (test).");
        }

        return inner.ReplaceAsync(document, ifMatchETag, cancellationToken);
    }

    public Task<string> UpsertAsync(ChannelTokenDocument document, CancellationToken cancellationToken = default) =>
        inner.UpsertAsync(document, cancellationToken);
}
