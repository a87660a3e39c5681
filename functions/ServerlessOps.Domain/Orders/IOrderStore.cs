using ServerlessOps.Domain.Concurrency;

namespace ServerlessOps.Domain.Orders;

/// <summary>
/// Orders in the source of truth, partitioned by brand. Every update carries the ETag it read
/// (<see cref="ConcurrencyConflictException"/> when another writer got there first).
/// </summary>
public interface IOrderStore
{
    /// <summary>Point read by brand and canonical order id (<see cref="OrderId"/>); null when absent.</summary>
    Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default);

    /// <summary>Creates the order; <see cref="ConcurrencyConflictException"/> if it already exists.</summary>
    Task<Versioned<StoredOrder>> CreateAsync(StoredOrder order, CancellationToken cancellationToken = default);

    /// <summary>Replaces the order if it still has <paramref name="ifMatchETag"/>; <see cref="ConcurrencyConflictException"/> otherwise.</summary>
    Task<Versioned<StoredOrder>> ReplaceAsync(StoredOrder order, string ifMatchETag, CancellationToken cancellationToken = default);

    /// <summary>The brand's orders placed on one UTC day, newest first (a single-partition query).</summary>
    Task<IReadOnlyList<StoredOrder>> ListPlacedOnAsync(string brandId, DateOnly day, CancellationToken cancellationToken = default);
}
