namespace ServerlessOps.Domain.Orders;

/// <summary>
/// Tells an order's flow that the order changed in the truth: starts the flow when it does not exist yet, or wakes it.
/// The flow reads the order itself when it starts and after every wake, so a call carries no change and calling twice,
/// late or out of order is harmless; what must never happen is a write to the truth without a call after it (the
/// converger calls after every write that changed the order, and again when a redelivery finds its write done).
/// Orders placed before the brand's go-live (<see cref="Order.IsHistory"/>) never start a flow.
/// </summary>
public interface IOrderFlowStarter
{
    /// <summary>Starts or wakes the flow of <paramref name="order"/>; a history order is ignored.</summary>
    Task OrderChangedAsync(Order order, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="OrderChangedAsync(Order, CancellationToken)"/>, for <see cref="StoredOrder.Order"/> of
    /// <paramref name="stored"/>, from a caller that holds the order as the truth stores it (it has just read or written
    /// it): a starter that needs what the stored order knows beyond the order (<see cref="StoredOrder.FirstStoredAt"/>)
    /// takes it from <paramref name="stored"/> instead of reading the order again.
    /// </summary>
    Task OrderChangedAsync(StoredOrder stored, CancellationToken cancellationToken = default) =>
        OrderChangedAsync((stored ?? throw new ArgumentNullException(nameof(stored))).Order, cancellationToken);

    /// <summary>
    /// As <see cref="OrderChangedAsync(Order, CancellationToken)"/>, for an order the caller has just created in the truth (its conditional create
    /// succeeded): no flow of it can have run before, since a flow starts only after a write of its order and orders are
    /// never deleted, so a starter may start the flow without looking for one first. Starting twice still makes one flow.
    /// </summary>
    Task OrderCreatedAsync(Order order, CancellationToken cancellationToken = default) => OrderChangedAsync(order, cancellationToken);
}
