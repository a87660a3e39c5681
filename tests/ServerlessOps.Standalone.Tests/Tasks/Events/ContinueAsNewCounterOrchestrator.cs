using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Events;

/// <summary>
/// Takes one "Add" event per execution, then continues as new keeping unprocessed events, until it has received
/// <see cref="CounterState.Target"/> events; returns the final state. The first execution can hold at the
/// <see cref="Gate"/> first, so every event is already buffered when the chain of continue-as-new starts.
/// </summary>
public sealed class ContinueAsNewCounterOrchestrator : TaskOrchestrator<CounterState, CounterState>
{
    public override async Task<CounterState> RunAsync(TaskOrchestrationContext context, CounterState input)
    {
        if (input.Received >= input.Target)
        {
            return input;
        }

        if (input is { Received: 0, HoldAtGate: true })
        {
            await context.CallActivityAsync<bool>(nameof(GateActivity), context.InstanceId);
        }

        var value = await context.WaitForExternalEvent<int>("Add");
        context.ContinueAsNew(input with { Received = input.Received + 1, Sum = input.Sum + value }, preserveUnprocessedEvents: true);
        return input;
    }
}
