using Microsoft.DurableTask;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Workflows.OrderFlow.Activities;

/// <summary>
/// The flow's last step: records that the order's flow ended (<see cref="IOrderFlowEndStore"/>), so that once the engine's
/// history of it is purged a later change of the order still starts no second flow (and no second reservation).
/// Idempotent: a retry or a second end writes nothing new.
/// </summary>
public sealed class RecordFlowEndActivity(IOrderFlowEndStore ends) : TaskActivity<OrderFlowEnd, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, OrderFlowEnd input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await ends.RecordAsync(input);
        return true;
    }
}
