using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// The real order store, except that its reads by placement month (the order flow's reads: the converger reads before a
/// create, or by placement only after a conflict) fail once <see cref="FailAfter"/>'s count of them has succeeded, until
/// <see cref="Recover"/>. Everything else passes straight through.
/// </summary>
internal sealed class FlakyFlowOrderReads(IOrderStore inner) : IOrderStore
{
    private int _readsLeft = int.MaxValue;

    /// <summary>Lets <paramref name="reads"/> more reads by placement through, then fails every one.</summary>
    public void FailAfter(int reads) => Volatile.Write(ref _readsLeft, reads);

    public void Recover() => Volatile.Write(ref _readsLeft, int.MaxValue);

    public Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default) =>
        inner.GetAsync(brandId, orderId, cancellationToken);

    public Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default) =>
        Interlocked.Decrement(ref _readsLeft) < 0
            ? throw new IOException($"Order {orderId} of brand {brandId} could not be read (the test's store outage).")
            : inner.GetAsync(brandId, orderId, placedAt, cancellationToken);

    public Task<Versioned<StoredOrder>?> GetBeforeCreateAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default) =>
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
