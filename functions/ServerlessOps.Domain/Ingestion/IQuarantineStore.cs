using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Paging;

namespace ServerlessOps.Domain.Ingestion;

/// <summary>Quarantined deliveries, partitioned by brand.</summary>
public interface IQuarantineStore
{
    Task<Versioned<QuarantinedDelivery>?> GetAsync(string brandId, string deliveryKey, CancellationToken cancellationToken = default);

    /// <summary>Creates the entry; <see cref="ConcurrencyConflictException"/> when it exists already.</summary>
    Task<Versioned<QuarantinedDelivery>> CreateAsync(QuarantinedDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>Creates or overwrites the entry (a delivery quarantined again after a failed replay keeps one entry).</summary>
    Task<Versioned<QuarantinedDelivery>> UpsertAsync(QuarantinedDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>Replaces the entry if it still has <paramref name="ifMatchETag"/>.</summary>
    Task<Versioned<QuarantinedDelivery>> ReplaceAsync(QuarantinedDelivery delivery, string ifMatchETag, CancellationToken cancellationToken = default);

    /// <summary>A brand's entries, newest first, optionally only those in one state.</summary>
    Task<IReadOnlyList<QuarantinedDelivery>> ListAsync(string brandId, QuarantineState? state = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a brand's entries, newest quarantined first (ties by stored id, descending), optionally only those in
    /// one state: what the API lists, since an outage can quarantine thousands of deliveries.
    /// </summary>
    Task<Page<QuarantinedDelivery>> ListPageAsync(string brandId, QuarantineState? state, PageRequest page, CancellationToken cancellationToken = default);
}
