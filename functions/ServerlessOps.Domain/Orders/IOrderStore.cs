using ServerlessOps.Domain.Concurrency;

namespace ServerlessOps.Domain.Orders;

/// <summary>
/// Orders in the source of truth, partitioned by brand and UTC month of placement, so no brand's orders share one
/// partition for ever; a small locator per order finds its partition from the order id alone. Every update carries
/// the ETag it read (<see cref="ConcurrencyConflictException"/> when another writer got there first).
/// </summary>
public interface IOrderStore
{
    /// <summary>By brand and canonical order id (<see cref="OrderId"/>): the locator's point read, then the order's; null when absent.</summary>
    Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// By brand and order id when the placement time is known (a snapshot carries it): one point read in the order's month
    /// in the usual case, the locator's path otherwise; null when absent.
    /// </summary>
    Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// For a writer that creates the order when this answers null (<see cref="CreateAsync"/>), never for one that
    /// concludes from null that the order does not exist: the point read in the order's month, and on a miss no more
    /// than a store needs to keep <see cref="CreateAsync"/> from filing a second copy. An order filed under another
    /// month (a delivery that once carried another placement time) makes that create throw
    /// <see cref="ConcurrencyConflictException"/>; read again with <see cref="GetAsync(string, string, DateTimeOffset, CancellationToken)"/>.
    /// A store with nothing cheaper answers as that does.
    /// </summary>
    Task<Versioned<StoredOrder>?> GetBeforeCreateAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default) =>
        GetAsync(brandId, orderId, placedAt, cancellationToken);

    /// <summary>Creates the order (and its locator); <see cref="ConcurrencyConflictException"/> if it already exists.</summary>
    Task<Versioned<StoredOrder>> CreateAsync(StoredOrder order, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the order if it still has <paramref name="ifMatchETag"/>; <see cref="ConcurrencyConflictException"/> otherwise.
    /// The order keeps the placement time it was created with (its partition).
    /// </summary>
    Task<Versioned<StoredOrder>> ReplaceAsync(StoredOrder order, string ifMatchETag, CancellationToken cancellationToken = default);

    /// <summary>
    /// The brand's orders placed in [<paramref name="from"/>, <paramref name="until"/>), of one channel when
    /// <paramref name="channel"/> is set: one single-partition query per UTC month the window touches, oldest month first
    /// and oldest order first within it, read page by page, so a caller that aggregates never holds a brand's history.
    /// </summary>
    IAsyncEnumerable<StoredOrder> StreamPlacedAsync(
        string brandId, DateTimeOffset from, DateTimeOffset until, Channels.SalesChannel? channel = null, CancellationToken cancellationToken = default);

    /// <summary>The brand's orders placed on one UTC day, newest first (a single-partition query).</summary>
    Task<IReadOnlyList<StoredOrder>> ListPlacedOnAsync(string brandId, DateOnly day, CancellationToken cancellationToken = default);
}
