using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Events;

/// <summary>
/// Optionally first holds at <see cref="GateActivity"/>, then waits for <see cref="CollectRequest.Count"/> "Item" events
/// one after another and returns their values in arrival order.
/// </summary>
public sealed class CollectEventsOrchestrator : TaskOrchestrator<CollectRequest, List<int>>
{
    public override async Task<List<int>> RunAsync(TaskOrchestrationContext context, CollectRequest input)
    {
        if (input.HoldAtGate)
        {
            await context.CallActivityAsync<bool>(nameof(GateActivity), context.InstanceId);
        }

        var items = new List<int>();
        for (var i = 0; i < input.Count; i++)
        {
            items.Add(await context.WaitForExternalEvent<int>("Item"));
        }

        return items;
    }
}
