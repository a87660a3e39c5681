using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessOps.Workflows.OrderFlow;
using Flow = ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Orchestrations;

/// <summary>The Functions host's trigger for <see cref="Flow.OrderFlowOrchestrator"/>.</summary>
public static class OrderFlowOrchestrator
{
    [Function(nameof(OrderFlowOrchestrator))]
    public static Task<OrderFlowResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new Flow.OrderFlowOrchestrator().RunAsync(context, context.GetInput<OrderFlowInput>()!);
}
