using Microsoft.Azure.Functions.Worker;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Workflows.OrderFlow;
using ServerlessOps.Workflows.OrderFlow.Activities;
using Flow = ServerlessOps.Workflows.OrderFlow.Activities;

namespace ServerlessOps.Functions.Orchestrations;

/// <summary>The Functions host's trigger for <see cref="Flow.RecordFlowExceptionActivity"/>.</summary>
public static class RecordFlowExceptionActivity
{
    [Function(nameof(RecordFlowExceptionActivity))]
    public static Task<string?> RunAsync([ActivityTrigger] FlowExceptionRequest input, FunctionContext context) =>
        FunctionActivityContext.RunAsync<Flow.RecordFlowExceptionActivity, FlowExceptionRequest, string?>(context, input);
}
