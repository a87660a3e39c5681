using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Infrastructure.Catalog;

/// <summary>
/// Catalog documents the order path reads on every order and every push (a channel SKU's lookup, an item, a SKU's unit
/// costs, a channel's fee schedule), kept in memory for <see cref="CatalogOptions.ReadCacheSeconds"/> by
/// <see cref="CachedCatalogReader"/>. <see cref="CatalogStore"/>'s writes forget what they change at once, so this
/// instance sees an import immediately and other instances within ReadCacheSeconds. A read that a write overtook
/// (started before the write, finished after) is not kept, so a forgotten document cannot come back stale.
/// </summary>
public sealed class CatalogReadCache : IDisposable
{
    private readonly MemoryCache _documents;
    private readonly TimeSpan _keepFor;
    private readonly Lock _gate = new();

    /// <summary>Counts writes forgotten; a read keeps its answer only if none happened while it ran.</summary>
    private long _writes;

    public CatalogReadCache(IOptions<CatalogOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _keepFor = TimeSpan.FromSeconds(options.Value.ReadCacheSeconds);
        _documents = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.ReadCacheDocuments, Clock = new TimeProviderClock(time) });
    }

    /// <summary>
    /// The document kept under (<paramref name="pk"/>, <paramref name="id"/>), or <paramref name="read"/>'s answer, kept
    /// unless it is null (a channel SKU mapped a moment ago is found by the next order) or a write came meanwhile.
    /// </summary>
    public async Task<T?> ReadThroughAsync<T>(string pk, string id, Func<CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_keepFor <= TimeSpan.Zero)
        {
            return await read(cancellationToken);
        }

        var key = KeyOf(pk, id);
        if (_documents.TryGetValue(key, out T? kept))
        {
            return kept;
        }

        var writesBefore = Interlocked.Read(ref _writes);
        var answer = await read(cancellationToken);
        if (answer is not null)
        {
            lock (_gate)
            {
                if (_writes == writesBefore)
                {
                    _documents.Set(key, answer, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _keepFor, Size = 1 });
                }
            }
        }

        return answer;
    }

    /// <summary>Forgets the document after a write of it, and any read that was under way.</summary>
    public void Forget(string pk, string id)
    {
        lock (_gate)
        {
            _writes++;
            _documents.Remove(KeyOf(pk, id));
        }
    }

    public void Dispose() => _documents.Dispose();

    private static string KeyOf(string pk, string id) => string.Concat(pk, "/", id);

    /// <summary>The cache's expiry clock from the app's <see cref="TimeProvider"/>, so tests can move time.</summary>
    private sealed class TimeProviderClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
