using Microsoft.DurableTask.Client;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.OrderFlow;

/// <summary>
/// <see cref="IOrderFlowInstances"/> over the Durable client (the function's bound one, <see cref="DurableClientScope"/>,
/// else the standalone host's service): one instance read by the flow's deterministic id (<see cref="OrderFlowIds.For"/>).
/// Without a client it answers "exists", so a caller concludes nothing.
/// </summary>
public sealed class DurableOrderFlowInstances(IServiceProvider services) : IOrderFlowInstances
{
    public async Task<bool> ExistsAsync(string brandId, SalesChannel channel, string externalOrderId, CancellationToken cancellationToken = default)
    {
        var client = DurableClientScope.Current ?? services.GetService<DurableTaskClient>();
        return client is null
            || await client.GetInstanceAsync(OrderFlowIds.For(brandId, channel, externalOrderId), getInputsAndOutputs: false, cancellationToken) is not null;
    }
}
