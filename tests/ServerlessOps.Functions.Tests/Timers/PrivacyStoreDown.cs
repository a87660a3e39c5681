using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Domain.Privacy;

namespace ServerlessOps.Functions.Tests.Timers;

/// <summary>
/// A switch over the app's privacy request store: while down, creating a request fails as Cosmos failing its write does,
/// so a privacy delivery is retried by the queue, poisoned and quarantined without ever being recorded. Reads and the
/// other writes pass through.
/// </summary>
internal sealed class PrivacyStoreDown
{
    private int _down = 1;

    public bool IsDown
    {
        get => Volatile.Read(ref _down) == 1;
        set => Volatile.Write(ref _down, value ? 1 : 0);
    }

    public IPrivacyRequestStore Wrap(IPrivacyRequestStore inner) => new Store(this, inner);

    private sealed class Store(PrivacyStoreDown outage, IPrivacyRequestStore inner) : IPrivacyRequestStore
    {
        public Task<Versioned<PrivacyRequest>?> GetAsync(string brandId, string requestId, CancellationToken cancellationToken = default) =>
            inner.GetAsync(brandId, requestId, cancellationToken);

        public Task<Versioned<PrivacyRequest>> CreateAsync(PrivacyRequest request, CancellationToken cancellationToken = default) =>
            outage.IsDown
                ? throw new InvalidOperationException("The privacy request store is down (test).")
                : inner.CreateAsync(request, cancellationToken);

        public Task<Versioned<PrivacyRequest>> ReplaceAsync(PrivacyRequest request, string ifMatchETag, CancellationToken cancellationToken = default) =>
            inner.ReplaceAsync(request, ifMatchETag, cancellationToken);

        public Task<Page<PrivacyRequest>> ListAsync(string brandId, PageRequest page, CancellationToken cancellationToken = default) =>
            inner.ListAsync(brandId, page, cancellationToken);

        public Task<IReadOnlyList<PrivacyRequest>> ListOpenAsync(string brandId, CancellationToken cancellationToken = default) =>
            inner.ListOpenAsync(brandId, cancellationToken);
    }
}
