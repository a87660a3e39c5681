using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.OrderFlow;

/// <summary>The starter where no app registers one (tools and tests that converge orders without a Durable engine): starts nothing.</summary>
public sealed class NoOrderFlowStarter : IOrderFlowStarter
{
    public static NoOrderFlowStarter Instance { get; } = new();

    public Task OrderChangedAsync(Order order, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
