using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Workflows.OrderFlow.Activities;
using Flow = ServerlessOps.Workflows.OrderFlow.Activities;

namespace ServerlessOps.Functions.Orchestrations;

/// <summary>The Functions host's trigger for <see cref="Flow.AcknowledgeOrderActivity"/>.</summary>
public static class AcknowledgeOrderActivity
{
    [Function(nameof(AcknowledgeOrderActivity))]
    public static Task<AcknowledgementAnswer> RunAsync([ActivityTrigger] AcknowledgeOrderRequest input, FunctionContext context) =>
        FunctionActivityContext.RunAsync<Flow.AcknowledgeOrderActivity, AcknowledgeOrderRequest, AcknowledgementAnswer>(context, input);
}
