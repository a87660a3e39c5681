using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.Ingestion;

/// <summary>
/// Writes an incoming order snapshot into the store so that any number of concurrent, duplicated or
/// out-of-order deliveries end in the newest channel version: read, decide (<see cref="OrderConvergence"/>),
/// write with the ETag read, and on a conflict read again. Every delivery is referenced from the order,
/// including stale ones, so the order shows everything that touched it.
/// </summary>
public sealed class OrderConverger
{
    /// <summary>Conflicts tolerated before giving up; the queue retries the delivery after that.</summary>
    public const int MaxAttempts = 25;

    private readonly IOrderStore _orders;
    private readonly TimeProvider _time;

    public OrderConverger(IOrderStore orders, TimeProvider time)
    {
        _orders = orders;
        _time = time;
    }

    public async Task<ConvergenceDecision> ConvergeAsync(Order incoming, DeliveryReference delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(delivery);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _orders.GetAsync(incoming.BrandId, incoming.Id, cancellationToken);
            if (stored?.Value.Deliveries.FirstOrDefault(d => d.DeliveryKey == delivery.DeliveryKey) is { } seen)
            {
                // This very delivery was already written (a redelivered queue message): nothing changes.
                return seen.Outcome == DeliveryOutcome.Stale ? ConvergenceDecision.KeepStored : ConvergenceDecision.Replace;
            }

            var decision = OrderConvergence.Decide(stored?.Value.Order, incoming);
            try
            {
                await WriteAsync(stored, incoming, delivery, decision, cancellationToken);
                return decision;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another delivery of this order committed between our read and our write: decide again on what it wrote.
            }
        }
    }

    private async Task WriteAsync(
        Versioned<StoredOrder>? stored,
        Order incoming,
        DeliveryReference delivery,
        ConvergenceDecision decision,
        CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var outcome = decision == ConvergenceDecision.KeepStored ? DeliveryOutcome.Stale : DeliveryOutcome.Applied;
        var reference = delivery with { Outcome = outcome };
        if (stored is null)
        {
            await _orders.CreateAsync(new StoredOrder(incoming, [reference], now), cancellationToken);
            return;
        }

        var current = stored.Value;
        var deliveries = current.Deliveries
            .Prepend(reference)
            .Take(StoredOrder.MaxDeliveryReferences)
            .ToList();
        var order = decision == ConvergenceDecision.Replace ? incoming : current.Order;
        await _orders.ReplaceAsync(new StoredOrder(order, deliveries, now), stored.ETag, cancellationToken);
    }
}
