using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Execution;

/// <summary>
/// Turns new actions into their history events and the messages that carry them out. Message ids are
/// derived from the execution id and action sequence number, so a step replayed after a crash or a lost
/// ETag race sends the same ids again and the receiver applies each once.
/// </summary>
internal sealed class OutboundMessages(string instanceId, ExecutionStartedEvent started, DateTime now)
{
    /// <summary>The execution whose actions are being recorded (changes on continue-as-new; earlier
    /// executions' messages stay in the lists).</summary>
    public ExecutionStartedEvent Started { get; set; } = started;

    private string ExecutionId => Started.OrchestrationInstance.ExecutionId!;

    public List<TaskMessage> Activities { get; } = [];

    public List<TaskMessage> Timers { get; } = [];

    public List<TaskMessage> Orchestrators { get; } = [];

    /// <summary>Records <paramref name="action"/>'s message and returns its history event.</summary>
    public HistoryEvent Add(OrchestratorAction action)
    {
        var self = new OrchestrationInstance(instanceId, ExecutionId);
        switch (action)
        {
            case ScheduleTaskAction a:
                var scheduled = new TaskScheduledEvent { EventId = a.Id, Timestamp = now, Name = a.Name, Input = a.Input };
                Activities.Add(Message($"{a.Id}:task", self, scheduled));
                return scheduled;
            case CreateTimerAction a:
                Timers.Add(Message($"{a.Id}:timer", self, new TimerFiredEvent { Timestamp = now, TimerId = a.Id, FireAt = a.FireAt }));
                return new TimerCreatedEvent { EventId = a.Id, Timestamp = now, FireAt = a.FireAt };
            case CreateSubOrchestrationAction a:
                var childExecution = DeterministicGuid.Create(DeterministicGuid.OrchestrationNamespace, $"{ExecutionId}:{a.Id}:execution").ToString("N");
                var childStart = new ExecutionStartedEvent
                {
                    Timestamp = now,
                    Name = a.Name,
                    Input = a.Input,
                    OrchestrationInstance = new OrchestrationInstance(a.InstanceId, childExecution),
                    ParentInstance = new ParentInstanceInfo(Started.Name, self, a.Id),
                };
                Orchestrators.Add(Message($"{a.Id}:suborchestration", childStart.OrchestrationInstance, childStart));
                return new SubOrchestrationInstanceCreatedEvent { EventId = a.Id, Timestamp = now, Name = a.Name, InstanceId = a.InstanceId, Input = a.Input };
            case SendEventAction a:
                Orchestrators.Add(Message($"{a.Id}:event", new OrchestrationInstance(a.InstanceId), new EventRaisedEvent { Timestamp = now, Name = a.Name, Input = a.Input }));
                return new EventSentEvent { EventId = a.Id, Timestamp = now, InstanceId = a.InstanceId, Name = a.Name, Input = a.Input };
            default:
                throw new InvalidOperationException($"Unknown action {action.GetType().Name}.");
        }
    }

    /// <summary>Tells a parent that this sub-orchestration finished.</summary>
    public void NotifyParent(HistoryEvent completion)
    {
        if (Started.ParentInstance is { } parent)
        {
            Orchestrators.Add(Message("parent", parent.Instance, completion));
        }
    }

    private TaskMessage Message(string suffix, OrchestrationInstance target, HistoryEvent e) =>
        new() { MessageId = $"{ExecutionId}:{suffix}", Instance = target, Event = e };
}
