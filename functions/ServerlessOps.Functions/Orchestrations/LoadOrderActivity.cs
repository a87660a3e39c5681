using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Workflows.OrderFlow;
using ServerlessOps.Workflows.OrderFlow.Activities;
using Flow = ServerlessOps.Workflows.OrderFlow.Activities;

namespace ServerlessOps.Functions.Orchestrations;

/// <summary>The Functions host's trigger for <see cref="Flow.LoadOrderActivity"/>.</summary>
public static class LoadOrderActivity
{
    [Function(nameof(LoadOrderActivity))]
    public static Task<OrderFlowSnapshot> RunAsync([ActivityTrigger] LoadOrderRequest input, FunctionContext context) =>
        FunctionActivityContext.RunAsync<Flow.LoadOrderActivity, LoadOrderRequest, OrderFlowSnapshot>(context, input);
}
