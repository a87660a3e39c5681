using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Tests.Tasks.Events;

/// <summary>
/// Takes one "Add" event per execution, then continues as new keeping unprocessed events, until it has received
/// <see cref="CounterState.Target"/> events; returns the final state.
/// </summary>
public sealed class ContinueAsNewCounterOrchestrator : TaskOrchestrator<CounterState, CounterState>
{
    public override async Task<CounterState> RunAsync(TaskOrchestrationContext context, CounterState input)
    {
        if (input.Received >= input.Target)
        {
            return input;
        }

        var value = await context.WaitForExternalEvent<int>("Add");
        context.ContinueAsNew(input with { Received = input.Received + 1, Sum = input.Sum + value }, preserveUnprocessedEvents: true);
        return input;
    }
}
