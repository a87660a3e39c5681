using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Paging;

namespace ServerlessOps.Functions.Tests.Queues;

/// <summary>
/// The app's quarantine store, but the first quarantine of <paramref name="deliveryKey"/> fails as if the store were down:
/// the poison handler throws after the deliveries before it in its message, and the queue runs it again.
/// </summary>
internal sealed class QuarantineCreateDies(IQuarantineStore inner, Func<string?> deliveryKey) : IQuarantineStore
{
    private int _armed = 1;

    public Task<Versioned<QuarantinedDelivery>?> GetAsync(string brandId, string deliveryKey, CancellationToken cancellationToken = default) =>
        inner.GetAsync(brandId, deliveryKey, cancellationToken);

    public Task<Versioned<QuarantinedDelivery>> CreateAsync(QuarantinedDelivery delivery, CancellationToken cancellationToken = default) =>
        delivery.DeliveryKey == deliveryKey() && Interlocked.Exchange(ref _armed, 0) == 1
            ? throw new InvalidOperationException("The quarantine store is down (test).")
            : inner.CreateAsync(delivery, cancellationToken);

    public Task<Versioned<QuarantinedDelivery>> UpsertAsync(QuarantinedDelivery delivery, CancellationToken cancellationToken = default) =>
        inner.UpsertAsync(delivery, cancellationToken);

    public Task<Versioned<QuarantinedDelivery>> ReplaceAsync(QuarantinedDelivery delivery, string ifMatchETag, CancellationToken cancellationToken = default) =>
        inner.ReplaceAsync(delivery, ifMatchETag, cancellationToken);

    public Task<IReadOnlyList<QuarantinedDelivery>> ListAsync(string brandId, QuarantineState? state = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(brandId, state, cancellationToken);

    public Task<Page<QuarantinedDelivery>> ListPageAsync(string brandId, QuarantineState? state, PageRequest page, CancellationToken cancellationToken = default) =>
        inner.ListPageAsync(brandId, state, page, cancellationToken);
}
