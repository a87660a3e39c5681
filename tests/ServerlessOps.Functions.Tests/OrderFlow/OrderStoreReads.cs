using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// The real order store, counting how its orders are found: by id alone (the locator's two point reads) or with the
/// placement time (one point read in the order's month, also before a create). Everything else passes straight through.
/// </summary>
internal sealed class OrderStoreReads(IOrderStore inner) : IOrderStore
{
    private int _byLocator;
    private int _byPlacement;

    public int ByLocator => Volatile.Read(ref _byLocator);

    public int ByPlacement => Volatile.Read(ref _byPlacement);

    public Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _byLocator);
        return inner.GetAsync(brandId, orderId, cancellationToken);
    }

    public Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _byPlacement);
        return inner.GetAsync(brandId, orderId, placedAt, cancellationToken);
    }

    public Task<Versioned<StoredOrder>?> GetBeforeCreateAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _byPlacement);
        return inner.GetBeforeCreateAsync(brandId, orderId, placedAt, cancellationToken);
    }

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
