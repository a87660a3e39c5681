using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Domain.Privacy;

namespace ServerlessOps.Functions.Tests.Timers;

/// <summary>
/// A count over the app's privacy request store of the request documents its list queries return: what a run that lists
/// requests reads from the brand's privacy partition. Everything else passes through.
/// </summary>
internal sealed class PrivacyRequestsListed
{
    private int _documents;

    public int Documents => Volatile.Read(ref _documents);

    public IPrivacyRequestStore Wrap(IPrivacyRequestStore inner) => new Store(this, inner);

    private IReadOnlyList<PrivacyRequest> Count(IReadOnlyList<PrivacyRequest> listed)
    {
        Interlocked.Add(ref _documents, listed.Count);
        return listed;
    }

    private sealed class Store(PrivacyRequestsListed counter, IPrivacyRequestStore inner) : IPrivacyRequestStore
    {
        public Task<Versioned<PrivacyRequest>?> GetAsync(string brandId, string requestId, CancellationToken cancellationToken = default) =>
            inner.GetAsync(brandId, requestId, cancellationToken);

        public Task<Versioned<PrivacyRequest>> CreateAsync(PrivacyRequest request, CancellationToken cancellationToken = default) =>
            inner.CreateAsync(request, cancellationToken);

        public Task<Versioned<PrivacyRequest>> ReplaceAsync(PrivacyRequest request, string ifMatchETag, CancellationToken cancellationToken = default) =>
            inner.ReplaceAsync(request, ifMatchETag, cancellationToken);

        public async Task<Page<PrivacyRequest>> ListAsync(string brandId, PageRequest page, CancellationToken cancellationToken = default)
        {
            var listed = await inner.ListAsync(brandId, page, cancellationToken);
            counter.Count(listed.Items);
            return listed;
        }

        public async Task<IReadOnlyList<PrivacyRequest>> ListOpenAsync(string brandId, CancellationToken cancellationToken = default) =>
            counter.Count(await inner.ListOpenAsync(brandId, cancellationToken));
    }
}
