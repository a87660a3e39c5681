using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// The real order store, counting how its orders are found: by id alone (the locator's two point reads) or with the
/// placement time (one point read in the order's month, also before a create). Everything else passes straight through.
/// </summary>
internal sealed class OrderStoreReads(IOrderStore inner) : OrderStorePassThrough(inner)
{
    private int _byLocator;
    private int _byPlacement;

    public int ByLocator => Volatile.Read(ref _byLocator);

    public int ByPlacement => Volatile.Read(ref _byPlacement);

    public override Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _byLocator);
        return base.GetAsync(brandId, orderId, cancellationToken);
    }

    public override Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _byPlacement);
        return base.GetAsync(brandId, orderId, placedAt, cancellationToken);
    }

    public override Task<Versioned<StoredOrder>?> GetBeforeCreateAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _byPlacement);
        return base.GetBeforeCreateAsync(brandId, orderId, placedAt, cancellationToken);
    }
}
