using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Paging;

namespace ServerlessOps.Infrastructure.Tests.Ingestion;

/// <summary>
/// The quarantine store as the recorder sees it while an operator replays the same delivery: the first read the
/// recorder makes is answered, then, before the recorder can write, the replay endpoint's own write (read, bump the
/// replay count, replace under the ETag) runs on another task and commits. Everything else goes straight to the store.
/// </summary>
internal sealed class ReplayBetweenReadAndWrite(IQuarantineStore store) : IQuarantineStore
{
    private int _reads;

    /// <summary>The replay count the racing replay wrote.</summary>
    public int ReplayCountWritten { get; private set; }

    public async Task<Versioned<QuarantinedDelivery>?> GetAsync(string brandId, string deliveryKey, CancellationToken cancellationToken = default)
    {
        var read = await store.GetAsync(brandId, deliveryKey, cancellationToken);
        if (Interlocked.Increment(ref _reads) == 1 && read is not null)
        {
            await Task.Run(() => ReplayAsync(brandId, deliveryKey, cancellationToken), cancellationToken);
        }

        return read;
    }

    public Task<Versioned<QuarantinedDelivery>> CreateAsync(QuarantinedDelivery delivery, CancellationToken cancellationToken = default) =>
        store.CreateAsync(delivery, cancellationToken);

    public Task<Versioned<QuarantinedDelivery>> UpsertAsync(QuarantinedDelivery delivery, CancellationToken cancellationToken = default) =>
        store.UpsertAsync(delivery, cancellationToken);

    public Task<Versioned<QuarantinedDelivery>> ReplaceAsync(QuarantinedDelivery delivery, string ifMatchETag, CancellationToken cancellationToken = default) =>
        store.ReplaceAsync(delivery, ifMatchETag, cancellationToken);

    public Task<IReadOnlyList<QuarantinedDelivery>> ListAsync(string brandId, QuarantineState? state = null, CancellationToken cancellationToken = default) =>
        store.ListAsync(brandId, state, cancellationToken);

    public Task<Page<QuarantinedDelivery>> ListPageAsync(string brandId, QuarantineState? state, PageRequest page, CancellationToken cancellationToken = default) =>
        store.ListPageAsync(brandId, state, page, cancellationToken);

    /// <summary>What <c>ReplayQuarantinedDelivery</c> writes.</summary>
    private async Task ReplayAsync(string brandId, string deliveryKey, CancellationToken cancellationToken)
    {
        var entry = (await store.GetAsync(brandId, deliveryKey, cancellationToken))!;
        var bumped = entry.Value with { ReplayCount = entry.Value.ReplayCount + 1, LastReplayedAt = entry.Value.QuarantinedAt.AddMinutes(1) };
        await store.ReplaceAsync(bumped, entry.ETag, cancellationToken);
        ReplayCountWritten = bumped.ReplayCount;
    }
}
