using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Paging;

namespace ServerlessOps.Domain.Privacy;

/// <summary>A brand's privacy requests: point reads by id, ETag-guarded writes, and the brand's list.</summary>
public interface IPrivacyRequestStore
{
    Task<Versioned<PrivacyRequest>?> GetAsync(string brandId, string requestId, CancellationToken cancellationToken = default);

    /// <summary><see cref="ConcurrencyConflictException"/> when a request with this id exists.</summary>
    Task<Versioned<PrivacyRequest>> CreateAsync(PrivacyRequest request, CancellationToken cancellationToken = default);

    /// <summary><see cref="ConcurrencyConflictException"/> when changed since <paramref name="ifMatchETag"/>.</summary>
    Task<Versioned<PrivacyRequest>> ReplaceAsync(PrivacyRequest request, string ifMatchETag, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the brand's requests, newest received first (ties by stored id, descending), one partition. Paged because
    /// a brand keeps every request as evidence and receives one per customer who asks.
    /// </summary>
    Task<Page<PrivacyRequest>> ListAsync(string brandId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// The brand's requests not completed, newest received first: the partition filtered on state, so what is read stays
    /// the few requests in flight however many completed ones the brand keeps as evidence.
    /// </summary>
    Task<IReadOnlyList<PrivacyRequest>> ListOpenAsync(string brandId, CancellationToken cancellationToken = default);
}
