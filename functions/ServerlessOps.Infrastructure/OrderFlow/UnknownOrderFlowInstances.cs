using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.OrderFlow;

/// <summary>
/// The answer where no app registers a Durable engine (tools and tests without one): every flow may exist, so nothing
/// that needs a flow to be gone is ever done.
/// </summary>
public sealed class UnknownOrderFlowInstances : IOrderFlowInstances
{
    public static UnknownOrderFlowInstances Instance { get; } = new();

    public Task<bool> ExistsAsync(string brandId, SalesChannel channel, string externalOrderId, CancellationToken cancellationToken = default) =>
        Task.FromResult(true);
}
