using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Execution;

/// <summary>
/// A work item's messages sorted for one step: the execution to run, the events that belong to it, and the
/// ones to drop (duplicate starts, leftovers of older executions).
/// </summary>
internal sealed class StepInbox
{
    private StepInbox(IReadOnlyList<HistoryEvent> history)
    {
        History = history;
    }

    /// <summary>The past history to replay (empty when a new execution starts in this step).</summary>
    public IReadOnlyList<HistoryEvent> History { get; private set; }

    /// <summary>The execution's start event, or null when there is nothing to run.</summary>
    public ExecutionStartedEvent? Start { get; private set; }

    /// <summary>The events to apply, in arrival order (the start first when it is new).</summary>
    public List<HistoryEvent> NewEvents { get; } = [];

    /// <summary>True when the committed history ended the execution: messages are consumed and dropped.</summary>
    public bool IsTerminal { get; private set; }

    /// <summary>True when an id reuse started a new execution over a finished one.</summary>
    public bool ReplacesHistory { get; private set; }

    /// <summary>The first terminate request among the new events, if any.</summary>
    public ExecutionTerminatedEvent? Terminate => NewEvents.OfType<ExecutionTerminatedEvent>().FirstOrDefault();

    public static StepInbox Sort(OrchestrationWorkItem workItem)
    {
        var inbox = new StepInbox(workItem.History);
        inbox.Start = workItem.History.OfType<ExecutionStartedEvent>().FirstOrDefault();
        inbox.IsTerminal = workItem.History.Any(e => e is ExecutionCompletedEvent);
        foreach (var message in workItem.NewMessages)
        {
            inbox.Add(message);
        }

        return inbox;
    }

    private void Add(TaskMessage message)
    {
        if (message.Event is ExecutionStartedEvent started)
        {
            if (Start is null)
            {
                Start = started;
                NewEvents.Add(started);
            }
            else if (IsTerminal && started.OrchestrationInstance.ExecutionId != Start.OrchestrationInstance.ExecutionId)
            {
                Start = started;
                History = [];
                NewEvents.Clear();
                NewEvents.Add(started);
                IsTerminal = false;
                ReplacesHistory = true;
            }

            return;
        }

        var executionId = message.Instance.ExecutionId;
        if (executionId is not null && Start is not null && executionId != Start.OrchestrationInstance.ExecutionId)
        {
            return;
        }

        NewEvents.Add(message.Event);
    }
}
