using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Workflows.OrderFlow;
using ServerlessOps.Workflows.OrderFlow.Activities;
using Flow = ServerlessOps.Workflows.OrderFlow.Activities;

namespace ServerlessOps.Functions.Orchestrations;

/// <summary>The Functions host's trigger for <see cref="Flow.ApplyStockMovementsActivity"/>.</summary>
public static class ApplyStockMovementsActivity
{
    [Function(nameof(ApplyStockMovementsActivity))]
    public static Task<IReadOnlyList<StockApplyOutcome>> RunAsync([ActivityTrigger] IReadOnlyList<StockMovement> input, FunctionContext context) =>
        FunctionActivityContext.RunAsync<Flow.ApplyStockMovementsActivity, IReadOnlyList<StockMovement>, IReadOnlyList<StockApplyOutcome>>(context, input);
}
