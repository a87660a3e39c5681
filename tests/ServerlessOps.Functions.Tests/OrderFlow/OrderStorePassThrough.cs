using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>The real order store, every call passed straight through: the base of the tests' stores that watch or fail its reads.</summary>
internal abstract class OrderStorePassThrough(IOrderStore inner) : IOrderStore
{
    public virtual Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default) =>
        inner.GetAsync(brandId, orderId, cancellationToken);

    public virtual Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default) =>
        inner.GetAsync(brandId, orderId, placedAt, cancellationToken);

    public virtual Task<Versioned<StoredOrder>?> GetBeforeCreateAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default) =>
        inner.GetBeforeCreateAsync(brandId, orderId, placedAt, cancellationToken);

    public Task<Versioned<StoredOrder>> CreateAsync(StoredOrder order, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(order, cancellationToken);

    public Task<Versioned<StoredOrder>> ReplaceAsync(StoredOrder order, string ifMatchETag, CancellationToken cancellationToken = default) =>
        inner.ReplaceAsync(order, ifMatchETag, cancellationToken);

    public IAsyncEnumerable<StoredOrder> StreamPlacedAsync(
        string brandId, DateTimeOffset from, DateTimeOffset until, Domain.Channels.SalesChannel? channel = null, CancellationToken cancellationToken = default) =>
        inner.StreamPlacedAsync(brandId, from, until, channel, cancellationToken);

    public Task<IReadOnlyList<StoredOrder>> ListPlacedOnAsync(string brandId, DateOnly day, CancellationToken cancellationToken = default) =>
        inner.ListPlacedOnAsync(brandId, day, cancellationToken);
}
