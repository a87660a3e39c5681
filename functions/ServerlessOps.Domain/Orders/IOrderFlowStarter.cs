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
}
