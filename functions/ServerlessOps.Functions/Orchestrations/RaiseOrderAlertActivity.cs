using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Workflows.OrderFlow;
using ServerlessOps.Workflows.OrderFlow.Activities;
using Flow = ServerlessOps.Workflows.OrderFlow.Activities;

namespace ServerlessOps.Functions.Orchestrations;

/// <summary>The Functions host's trigger for <see cref="Flow.RaiseOrderAlertActivity"/>.</summary>
public static class RaiseOrderAlertActivity
{
    [Function(nameof(RaiseOrderAlertActivity))]
    public static Task<string?> RunAsync([ActivityTrigger] OrderAlertRequest input, FunctionContext context) =>
        FunctionActivityContext.RunAsync<Flow.RaiseOrderAlertActivity, OrderAlertRequest, string?>(context, input);
}
