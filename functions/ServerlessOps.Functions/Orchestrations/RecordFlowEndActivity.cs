using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Orders;
using Flow = ServerlessOps.Workflows.OrderFlow.Activities;

namespace ServerlessOps.Functions.Orchestrations;

/// <summary>The Functions host's trigger for <see cref="Flow.RecordFlowEndActivity"/>.</summary>
public static class RecordFlowEndActivity
{
    [Function(nameof(RecordFlowEndActivity))]
    public static Task<bool> RunAsync([ActivityTrigger] OrderFlowEnd input, FunctionContext context) =>
        FunctionActivityContext.RunAsync<Flow.RecordFlowEndActivity, OrderFlowEnd, bool>(context, input);
}
