using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Paging;

namespace ServerlessOps.Functions.Tests.Api.Privacy;

/// <summary>
/// The app's quarantine store, but the first write of a scrubbed reason fails as if the process died just before it: the
/// privacy request's delivery is retried by the queue with the rest of its work already done.
/// </summary>
internal sealed class QuarantineScrubDies(IQuarantineStore inner) : IQuarantineStore
{
    private int _armed = 1;

    public Task<Versioned<QuarantinedDelivery>?> GetAsync(string brandId, string deliveryKey, CancellationToken cancellationToken = default) =>
        inner.GetAsync(brandId, deliveryKey, cancellationToken);

    public Task<Versioned<QuarantinedDelivery>> CreateAsync(QuarantinedDelivery delivery, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(delivery, cancellationToken);

    public Task<Versioned<QuarantinedDelivery>> UpsertAsync(QuarantinedDelivery delivery, CancellationToken cancellationToken = default) =>
        inner.UpsertAsync(delivery, cancellationToken);

    public Task<Versioned<QuarantinedDelivery>> ReplaceAsync(QuarantinedDelivery delivery, string ifMatchETag, CancellationToken cancellationToken = default) =>
        delivery.Reason.Contains("[redacted]", StringComparison.Ordinal) && Interlocked.Exchange(ref _armed, 0) == 1
            ? throw new InvalidOperationException("The process died before the scrubbed reason was written (test).")
            : inner.ReplaceAsync(delivery, ifMatchETag, cancellationToken);

    public Task<IReadOnlyList<QuarantinedDelivery>> ListAsync(string brandId, QuarantineState? state = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(brandId, state, cancellationToken);

    public Task<Page<QuarantinedDelivery>> ListPageAsync(string brandId, QuarantineState? state, PageRequest page, CancellationToken cancellationToken = default) =>
        inner.ListPageAsync(brandId, state, page, cancellationToken);
}
