using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Functions.Tests.Settlements;

/// <summary>
/// The app's order store, but every replace of one order answers a concurrency conflict, as if other writers (webhooks,
/// another import) changed it between each of the import's reads and its write, through every attempt.
/// </summary>
internal sealed class OrderWritesAlwaysConflict(IOrderStore inner, string orderId) : IOrderStore
{
    public Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default) =>
        inner.GetAsync(brandId, orderId, cancellationToken);

    public Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default) =>
        inner.GetAsync(brandId, orderId, placedAt, cancellationToken);

    public Task<Versioned<StoredOrder>?> GetBeforeCreateAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default) =>
        inner.GetBeforeCreateAsync(brandId, orderId, placedAt, cancellationToken);

    public Task<Versioned<StoredOrder>> CreateAsync(StoredOrder order, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(order, cancellationToken);

    public Task<Versioned<StoredOrder>> ReplaceAsync(StoredOrder order, string ifMatchETag, CancellationToken cancellationToken = default) =>
        order.Order.Id == orderId
            ? throw new ConcurrencyConflictException($"Order {orderId} was changed by another writer (test).")
            : inner.ReplaceAsync(order, ifMatchETag, cancellationToken);

    public IAsyncEnumerable<StoredOrder> StreamPlacedAsync(
        string brandId, DateTimeOffset from, DateTimeOffset until, SalesChannel? channel = null, CancellationToken cancellationToken = default) =>
        inner.StreamPlacedAsync(brandId, from, until, channel, cancellationToken);

    public Task<IReadOnlyList<StoredOrder>> ListPlacedOnAsync(string brandId, DateOnly day, CancellationToken cancellationToken = default) =>
        inner.ListPlacedOnAsync(brandId, day, cancellationToken);
}
