using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Infrastructure.OrderFlow;

namespace ServerlessOps.Infrastructure.Ingestion;

/// <summary>
/// Writes what a delivery says about an order into the store so that any number of concurrent, duplicated or
/// out-of-order deliveries end in the same order: read, decide, write with the ETag read, and on a conflict read again.
/// A snapshot converges on the channel's version (<see cref="OrderConvergence"/>) while the facts both sides hold by
/// their own ids are merged whatever it decides (<see cref="OrderFacts"/>); a partial fact (a Shopify refund or
/// fulfilment) is folded into the stored order without touching its snapshot. Every delivery is referenced from the
/// order, including stale ones, so the order shows everything that touched it. Every write marks an order placed
/// before its brand's go-live as history (<see cref="Order.IsHistory"/>), whichever path brought it.
/// </summary>
public sealed class OrderConverger
{
    /// <summary>Conflicts tolerated before giving up; the queue retries the delivery after that.</summary>
    public const int MaxAttempts = 25;

    private readonly IOrderStore _orders;
    private readonly IBrandDirectorySource _brands;
    private readonly TimeProvider _time;
    private readonly IOrderFlowStarter _flows;

    public OrderConverger(IOrderStore orders, IBrandDirectorySource brands, TimeProvider time)
        : this(orders, brands, time, NoOrderFlowStarter.Instance)
    {
    }

    /// <param name="flows">
    /// Told after every write that changed an order, and again when a redelivery finds its write already done (the
    /// first attempt may have died between the write and the call), so no change of the truth goes without a wake.
    /// </param>
    public OrderConverger(IOrderStore orders, IBrandDirectorySource brands, TimeProvider time, IOrderFlowStarter flows)
    {
        _orders = orders;
        _brands = brands;
        _time = time;
        _flows = flows;
    }

    /// <summary>Converges a whole snapshot. Applied when it or any fact it brought changed the order, Stale otherwise.</summary>
    public async Task<OrderWrite> ConvergeAsync(Order incoming, DeliveryReference delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(delivery);
        for (var attempt = 1; ; attempt++)
        {
            // First the read a new order needs (its month only: the create below is guarded); after a conflict, the full
            // one, which also finds an order filed under another month.
            var stored = attempt == 1
                ? await _orders.GetBeforeCreateAsync(incoming.BrandId, incoming.Id, incoming.PlacedAt, cancellationToken)
                : await _orders.GetAsync(incoming.BrandId, incoming.Id, incoming.PlacedAt, cancellationToken);
            if (Seen(stored, delivery) is { } repeat)
            {
                return await NotifyAsync(repeat, stored!.Value, cancellationToken);
            }

            try
            {
                if (stored is null)
                {
                    var created = MarkHistory(incoming);
                    var now = _time.GetUtcNow();
                    await _orders.CreateAsync(new StoredOrder(created, [Reference(delivery, DeliveryOutcome.Applied)], now) { FirstStoredAt = now }, cancellationToken);
                    return await NotifyCreatedAsync(new OrderWrite(DeliveryOutcome.Applied, created), cancellationToken);
                }

                var current = stored.Value.Order;
                var (order, changed) = OrderConvergence.Decide(current, incoming) == ConvergenceDecision.Replace

                    // The placement time is the order's for good: it is where the store files it.
                    ? (OrderFacts.Merge(incoming with { PlacedAt = current.PlacedAt }, current).Order, true)
                    : OrderFacts.Merge(current, incoming);
                return await WriteAsync(stored, order, changed, delivery, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another delivery of this order committed between our read and our write: decide again on what it wrote.
            }
        }
    }

    /// <summary>
    /// Folds partial facts of an order into it by their own ids. Applied when a fact was new or newer, Stale when the
    /// order already held them; null when the order is not stored yet (the fact arrived before the order: retry later).
    /// </summary>
    public async Task<OrderWrite?> FoldAsync(
        string brandId, SalesChannel channel, OrderFactReport facts, DeliveryReference delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(delivery);
        var orderId = OrderId.For(channel, facts.ExternalOrderId);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _orders.GetAsync(brandId, orderId, cancellationToken);
            if (stored is null)
            {
                return null;
            }

            if (Seen(stored, delivery) is { } repeat)
            {
                return await NotifyAsync(repeat, stored.Value, cancellationToken);
            }

            var (order, changed) = OrderFacts.Fold(stored.Value.Order, facts.Shipments, facts.Refunds);
            try
            {
                return await WriteAsync(stored, order, changed, delivery, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another delivery of this order committed between our read and our write: fold again into what it wrote.
            }
        }
    }

    /// <summary>This very delivery was already written (a redelivered queue message): nothing changes.</summary>
    private static OrderWrite? Seen(Versioned<StoredOrder>? stored, DeliveryReference delivery) =>
        stored?.Value.Deliveries.FirstOrDefault(d => d.DeliveryKey == delivery.DeliveryKey) is { } seen
            ? new OrderWrite(seen.Outcome == DeliveryOutcome.Stale ? DeliveryOutcome.Stale : DeliveryOutcome.Applied, stored.Value.Order)
            : null;

    private async Task<OrderWrite> WriteAsync(Versioned<StoredOrder> stored, Order order, bool changed, DeliveryReference delivery, CancellationToken cancellationToken)
    {
        order = MarkHistory(order);
        var outcome = changed ? DeliveryOutcome.Applied : DeliveryOutcome.Stale;
        var deliveries = stored.Value.Deliveries
            .Prepend(Reference(delivery, outcome))
            .Take(StoredOrder.MaxDeliveryReferences)
            .ToList();
        var replacement = new StoredOrder(changed ? order : stored.Value.Order, deliveries, _time.GetUtcNow()) { FirstStoredAt = stored.Value.FirstStoredAt };
        await _orders.ReplaceAsync(replacement, stored.ETag, cancellationToken);
        return await NotifyAsync(new OrderWrite(outcome, replacement.Order), replacement, cancellationToken);
    }

    /// <summary>
    /// Starts or wakes the order's flow after a write that changed it (history orders never start one), handing the starter
    /// the order as stored (<paramref name="stored"/>, just read or written), so it need not read it again.
    /// </summary>
    private async Task<OrderWrite> NotifyAsync(OrderWrite write, StoredOrder stored, CancellationToken cancellationToken)
    {
        if (write.Outcome == DeliveryOutcome.Applied && !write.Order.IsHistory)
        {
            await _flows.OrderChangedAsync(stored, cancellationToken);
        }

        return write;
    }

    /// <summary>As <see cref="NotifyAsync"/>, after this call's conditional create wrote the order: its flow cannot exist yet.</summary>
    private async Task<OrderWrite> NotifyCreatedAsync(OrderWrite write, CancellationToken cancellationToken)
    {
        if (!write.Order.IsHistory)
        {
            await _flows.OrderCreatedAsync(write.Order, cancellationToken);
        }

        return write;
    }

    /// <summary>History by the brand's go-live as the registry has it now; a brand not (yet) in the registry has none.</summary>
    private Order MarkHistory(Order order) =>
        _brands.Current.Brands.TryGetValue(order.BrandId, out var brand) && brand.IsHistory(order.PlacedAt) != order.IsHistory
            ? order with { IsHistory = brand.IsHistory(order.PlacedAt) }
            : order;

    private static DeliveryReference Reference(DeliveryReference delivery, DeliveryOutcome outcome) => delivery with { Outcome = outcome };
}

/// <summary>What converging a delivery did to its order: Applied or Stale, and the order as stored afterwards.</summary>
public sealed record OrderWrite(DeliveryOutcome Outcome, Order Order);
