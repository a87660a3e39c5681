using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Orders;

/// <summary>
/// Whether the Durable engine still holds an order's flow instance (under its deterministic id), in any state. Missing
/// means never started yet, or ended and purged; only an order's age tells which (<see cref="OrderFlowEnd"/> does for
/// flows that ended after those records existed): the alert sweep and the flow starter ask both the same way.
/// </summary>
public interface IOrderFlowInstances
{
    /// <summary>True when the instance exists, or when this process cannot ask the engine (then nothing may be concluded).</summary>
    Task<bool> ExistsAsync(string brandId, SalesChannel channel, string externalOrderId, CancellationToken cancellationToken = default);
}
