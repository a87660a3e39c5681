using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Functions.Tests.Backstop;

/// <summary>
/// The app's flow starter, but the first start of a new order fails as if the run ended between the order's write and its
/// flow's start (the host stopping while admission held the start back, a crash): the order is in the truth, its flow is not.
/// </summary>
internal sealed class FlowStartDies(IOrderFlowStarter inner) : IOrderFlowStarter
{
    private int _armed = 1;

    public Task OrderChangedAsync(Order order, CancellationToken cancellationToken = default) => inner.OrderChangedAsync(order, cancellationToken);

    public Task OrderChangedAsync(StoredOrder stored, CancellationToken cancellationToken = default) => inner.OrderChangedAsync(stored, cancellationToken);

    public Task OrderCreatedAsync(Order order, CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _armed, 0) == 1
            ? throw new OperationCanceledException("The run ended before the order's flow was started (test).")
            : inner.OrderCreatedAsync(order, cancellationToken);
}
