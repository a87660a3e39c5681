using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Tests.Connections;

/// <summary>
/// The token store of an instance whose next read of one account is slow: once <see cref="HoldNextRead"/> is called, the
/// next read of that account fetches the document at once but hands it back only when <see cref="Release"/> is called, as
/// a read answered just before a change and delivered late would. Everything else (other accounts' reads: the instance's
/// own background work) passes through.
/// </summary>
internal sealed class HeldTokenRead(IChannelTokenStore inner) : IChannelTokenStore
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _read = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _held;

    /// <summary>Completes when the held read has fetched its document (and waits for <see cref="Release"/>).</summary>
    public Task Read => _read.Task;

    public void HoldNextRead(string accountId) => Volatile.Write(ref _held, accountId);

    public void Release() => _released.TrySetResult();

    public async Task<Versioned<ChannelTokenDocument>?> ReadAsync(SalesChannel channel, string accountId, CancellationToken cancellationToken = default)
    {
        var document = await inner.ReadAsync(channel, accountId, cancellationToken);
        if (Volatile.Read(ref _held) is { } held && string.Equals(held, accountId, StringComparison.OrdinalIgnoreCase)
            && Interlocked.CompareExchange(ref _held, null, held) == held)
        {
            _read.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }

        return document;
    }

    public Task<string> CreateAsync(ChannelTokenDocument document, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(document, cancellationToken);

    public Task<string> ReplaceAsync(ChannelTokenDocument document, string ifMatchETag, CancellationToken cancellationToken = default) =>
        inner.ReplaceAsync(document, ifMatchETag, cancellationToken);

    public Task<string> UpsertAsync(ChannelTokenDocument document, CancellationToken cancellationToken = default) =>
        inner.UpsertAsync(document, cancellationToken);
}
