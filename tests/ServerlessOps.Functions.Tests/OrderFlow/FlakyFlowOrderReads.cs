using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// The real order store, except that its reads by placement month (the order flow's reads: the converger reads before a
/// create, or by placement only after a conflict) fail once <see cref="FailAfter"/>'s count of them has succeeded, until
/// <see cref="Recover"/>. Everything else passes straight through.
/// </summary>
internal sealed class FlakyFlowOrderReads(IOrderStore inner) : OrderStorePassThrough(inner)
{
    private int _readsLeft = int.MaxValue;

    /// <summary>Lets <paramref name="reads"/> more reads by placement through, then fails every one.</summary>
    public void FailAfter(int reads) => Volatile.Write(ref _readsLeft, reads);

    public void Recover() => Volatile.Write(ref _readsLeft, int.MaxValue);

    public override Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default) =>
        Interlocked.Decrement(ref _readsLeft) < 0
            ? throw new IOException($"Order {orderId} of brand {brandId} could not be read (the test's store outage).")
            : base.GetAsync(brandId, orderId, placedAt, cancellationToken);
}
