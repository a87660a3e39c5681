using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Cosmos.Stores;

/// <summary>
/// <see cref="IOrderStore"/> on container <c>orders</c>: orders partitioned by brand and UTC month of placement
/// (<see cref="OrderDocument"/>), each with a locator found from its id alone (<see cref="OrderLocatorDocument"/>).
/// Orders still in the brand-partitioned layout (schema 1) are read where they are and moved on first touch
/// (<c>CosmosOrderStore.Legacy.cs</c>); <see cref="MoveLegacyOrdersAsync"/> moves a brand's in bulk.
/// </summary>
public sealed partial class CosmosOrderStore : IOrderStore
{
    /// <summary>
    /// How long a locator naming a month where its order has not arrived is taken for a create still in flight. Past it,
    /// the create that wrote it is taken for dead (its order write lost) and a create for another month may take it over.
    /// </summary>
    public static readonly TimeSpan LocatorGrace = TimeSpan.FromMinutes(1);

    private readonly CosmosDocuments<OrderDocument> _orders;

    /// <summary>The same documents read by <see cref="StreamPlacedAsync"/>, in pages of <see cref="CosmosOptions.StreamPageSize"/>.</summary>
    private readonly CosmosDocuments<OrderDocument> _stream;
    private readonly CosmosDocuments<OrderLocatorDocument> _locators;
    private readonly CosmosDocuments<OrderLayoutDocument> _layouts;
    private readonly TimeProvider _time;
    private readonly ILogger<CosmosOrderStore> _logger;

    /// <summary>Brands known to have nothing left in the old layout (their <see cref="OrderLayoutDocument"/> was seen).</summary>
    private readonly ConcurrentDictionary<string, bool> _moved = new(StringComparer.Ordinal);

    public CosmosOrderStore(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<CosmosOrderStore> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _orders = new(containers.Orders, options.Value.QueryPageSize, logger);
        _stream = new(containers.Orders, options.Value.StreamPageSize, logger);
        _locators = new(containers.Orders, options.Value.QueryPageSize, logger);
        _layouts = new(containers.Orders, options.Value.QueryPageSize, logger);
        _time = time ?? TimeProvider.System;
        _logger = logger;
    }

    public async Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        return await FindAsync(brandId, orderId, alreadyRead: null, cancellationToken);
    }

    public Task<Versioned<StoredOrder>?> GetAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default) =>
        ReadInMonthAsync(brandId, orderId, placedAt, beforeCreate: false, cancellationToken);

    /// <summary>
    /// The point read in the order's month; on a miss, null without the locator's read once the brand has nothing left in the
    /// old layout. <see cref="CreateAsync"/> creates the locator first, create-if-absent, and refuses when it names another
    /// month, so the locator is read there, by the rare create that meets one, not before every new order's create. A
    /// brand still in the old layout takes the locator's path: its old orders have no locator to guard the create.
    /// </summary>
    public Task<Versioned<StoredOrder>?> GetBeforeCreateAsync(string brandId, string orderId, DateTimeOffset placedAt, CancellationToken cancellationToken = default) =>
        ReadInMonthAsync(brandId, orderId, placedAt, beforeCreate: true, cancellationToken);

    /// <summary>The point read in the order's month, then on a miss the locator's path, unless a create follows that guards it.</summary>
    private async Task<Versioned<StoredOrder>?> ReadInMonthAsync(string brandId, string orderId, DateTimeOffset placedAt, bool beforeCreate, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var partition = OrderDocument.PartitionKeyFor(brandId, placedAt);
        var read = await _orders.ReadAsync(partition, CosmosIds.Encode(orderId), cancellationToken);
        if (read is { } found)
        {
            return Versioned(found);
        }

        return beforeCreate && await IsMovedAsync(brandId, cancellationToken)
            ? null
            : await FindAsync(brandId, orderId, alreadyRead: partition, cancellationToken);
    }

    /// <summary>
    /// Writes the locator first (create-if-absent), then the order: a crash between leaves a locator to a missing order,
    /// read as absent, which a create for another month takes over after <see cref="LocatorGrace"/> (<see cref="EnsureLocatorAsync"/>).
    /// </summary>
    public async Task<Versioned<StoredOrder>> CreateAsync(StoredOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var document = OrderDocument.FromDomain(order);
        var started = _time.GetTimestamp();
        var filedAt = await EnsureLocatorAsync(order.Order.BrandId, order.Order.Id, document.Pk, cancellationToken);
        if (!string.Equals(filedAt, document.Pk, StringComparison.Ordinal))
        {
            throw new ConcurrencyConflictException(
                $"Order {order.Order.Id} of brand {order.Order.BrandId} is already filed under partition {filedAt}, not {document.Pk}: read it from there.");
        }

        // A locator this old with no order where it points may be taken over by a create for another month: a create this
        // slow between its two writes (half the grace leaves the rest for the clocks' disagreement) checks it still holds
        // the locator, so the order is never filed under two months.
        if (_time.GetElapsedTime(started) > LocatorGrace / 2
            && (await ReadLocatorAsync(order.Order.BrandId, order.Order.Id, cancellationToken))?.OrderPk is { } holder
            && !string.Equals(holder, document.Pk, StringComparison.Ordinal))
        {
            throw new ConcurrencyConflictException(
                $"Order {order.Order.Id} of brand {order.Order.BrandId} was filed under partition {holder} while this create of {document.Pk} was slow: read it from there.");
        }

        var etag = await _orders.CreateAsync(document, document.Pk, document.Id, cancellationToken);
        return new Versioned<StoredOrder>(order, etag);
    }

    public async Task<Versioned<StoredOrder>> ReplaceAsync(StoredOrder order, string ifMatchETag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var document = OrderDocument.FromDomain(order);
        var etag = await _orders.ReplaceAsync(document, document.Pk, document.Id, ifMatchETag, cancellationToken);
        return new Versioned<StoredOrder>(order, etag);
    }

    /// <summary>
    /// Newest placed-at (compared in UTC) first: one query in the day's month partition, and, until the brand's orders are
    /// all moved, one in the old brand partition before it (so an order moved between the two is seen at least once).
    /// </summary>
    public async Task<IReadOnlyList<StoredOrder>> ListPlacedOnAsync(string brandId, DateOnly day, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        IReadOnlyList<OrderDocument> legacy = await IsMovedAsync(brandId, cancellationToken) ? [] : await ListDayAsync(OrderDocument.LegacyPartitionKeyFor(brandId), day, cancellationToken);
        var current = await ListDayAsync(OrderDocument.PartitionKeyFor(brandId, day), day, cancellationToken);
        if (legacy.Count == 0)
        {
            return [.. current.Select(d => d.ToDomain())];
        }

        var ids = current.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return [.. current.Concat(legacy.Where(d => !ids.Contains(d.Id)))
            .OrderByDescending(d => d.PlacedAt, StringComparer.Ordinal)
            .Select(d => d.ToDomain())];
    }

    private Task<IReadOnlyList<OrderDocument>> ListDayAsync(string partition, DateOnly day, CancellationToken cancellationToken) =>
        _orders.QueryAsync(partition, OrderDocument.DocumentType, "c.orderDay = @day", "c.placedAt DESC", [new("@day", CosmosValues.Day(day))], cancellationToken);

    /// <summary>The locator's path (skipping the partition already read), then the old layout while the brand has one.</summary>
    private async Task<Versioned<StoredOrder>?> FindAsync(string brandId, string orderId, string? alreadyRead, CancellationToken cancellationToken)
    {
        var locator = await ReadLocatorAsync(brandId, orderId, cancellationToken);
        if (locator is not null)
        {
            if (string.Equals(locator.OrderPk, alreadyRead, StringComparison.Ordinal))
            {
                return null;
            }

            var read = await _orders.ReadAsync(locator.OrderPk, CosmosIds.Encode(orderId), cancellationToken);
            return read is { } found ? Versioned(found) : null;
        }

        return await IsMovedAsync(brandId, cancellationToken) ? null : await MoveLegacyAsync(brandId, orderId, cancellationToken);
    }

    private async Task<OrderLocatorDocument?> ReadLocatorAsync(string brandId, string orderId, CancellationToken cancellationToken)
    {
        var read = await _locators.ReadAsync(OrderLocatorDocument.PartitionKeyFor(brandId, orderId), CosmosIds.Encode(orderId), cancellationToken);
        read?.Document.EnsureReadable();
        return read?.Document;
    }

    /// <summary>
    /// Creates the locator unless one exists; returns the partition the order is filed under either way. A locator naming
    /// another month where its order never arrived (nor in the old layout) and older than <see cref="LocatorGrace"/> was
    /// left by a create that died between its two writes: it is taken over under its ETag, since every later delivery
    /// placing the order in another month would otherwise be refused until quarantined.
    /// </summary>
    private async Task<string> EnsureLocatorAsync(string brandId, string orderId, string orderPk, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var locator = OrderLocatorDocument.For(brandId, orderId, orderPk, _time.GetUtcNow());
            try
            {
                await _locators.CreateAsync(locator, locator.Pk, locator.Id, cancellationToken);
                return orderPk;
            }
            catch (ConcurrencyConflictException)
            {
                // Already there (a retry, a racing writer, the migration, or a create that died before its order).
            }

            var (existing, etag) = await _locators.ReadAsync(locator.Pk, locator.Id, cancellationToken)
                ?? throw new InvalidOperationException($"The locator of order {orderId} of brand {brandId} exists and does not: Cosmos answered 409 on create, then 404 on read.");
            existing.EnsureReadable();
            if (string.Equals(existing.OrderPk, orderPk, StringComparison.Ordinal) || !await IsAbandonedAsync(existing, cancellationToken))
            {
                return existing.OrderPk;
            }

            try
            {
                await _locators.ReplaceAsync(locator, locator.Pk, locator.Id, etag, cancellationToken);
                _logger.LocatorTakenOver(brandId, orderId, existing.OrderPk, orderPk);
                return orderPk;
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                // Another create took it over first: file where it says.
            }
        }
    }

    /// <summary>
    /// The locator is past <see cref="LocatorGrace"/> (one from before locators were dated counts as past it) and its order
    /// is neither where it points nor, while the brand has one, in the old layout (a move in progress writes the locator
    /// before its copy).
    /// </summary>
    private async Task<bool> IsAbandonedAsync(OrderLocatorDocument locator, CancellationToken cancellationToken)
    {
        if (locator.FiledAt is { } filedAt && filedAt > _time.GetUtcNow() - LocatorGrace)
        {
            return false;
        }

        var id = CosmosIds.Encode(locator.OrderId);
        if (await _orders.ReadAsync(locator.OrderPk, id, cancellationToken) is not null)
        {
            return false;
        }

        return await IsMovedAsync(locator.BrandId, cancellationToken)
            || await _orders.ReadAsync(OrderDocument.LegacyPartitionKeyFor(locator.BrandId), id, cancellationToken) is null;
    }

    private static Versioned<StoredOrder> Versioned((OrderDocument Document, string ETag) read) => new(read.Document.ToDomain(), read.ETag);
}
