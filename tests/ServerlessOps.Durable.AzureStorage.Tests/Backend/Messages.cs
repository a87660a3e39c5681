using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.AzureStorage.Tests.Backend;

/// <summary>Builds the messages and step results the runtime would produce, for backend-level tests.</summary>
internal static class Messages
{
    public static DateTime Now => DateTime.UtcNow;

    public static TaskMessage Start(string instanceId, string? input = null, string? executionId = null)
    {
        var execution = executionId ?? Guid.NewGuid().ToString("N");
        var instance = new OrchestrationInstance(instanceId, execution);
        return new TaskMessage
        {
            MessageId = $"{execution}:start",
            Instance = instance,
            Event = new ExecutionStartedEvent { Timestamp = Now, Name = "TestOrchestrator", OrchestrationInstance = instance, Input = input },
        };
    }

    public static TaskMessage Raise(string instanceId, string name, string? input = null) => new()
    {
        MessageId = Guid.NewGuid().ToString("N"),
        Instance = new OrchestrationInstance(instanceId),
        Event = new EventRaisedEvent { Timestamp = Now, Name = name, Input = input },
    };

    public static TaskMessage Activity(OrchestrationInstance instance, int id, string? input = null) => new()
    {
        MessageId = $"{instance.ExecutionId}:{id}:task",
        Instance = instance,
        Event = new TaskScheduledEvent { EventId = id, Timestamp = Now, Name = "TestActivity", Input = input },
    };

    public static TaskMessage Completed(OrchestrationInstance instance, int id, string? result) => new()
    {
        MessageId = $"{instance.ExecutionId}:{id}:result",
        Instance = instance,
        Event = new TaskCompletedEvent { Timestamp = Now, TaskScheduledId = id, Result = result },
    };

    public static TaskMessage Timer(OrchestrationInstance instance, int id, DateTime fireAt) => new()
    {
        MessageId = $"{instance.ExecutionId}:{id}:timer",
        Instance = instance,
        Event = new TimerFiredEvent { Timestamp = Now, TimerId = id, FireAt = fireAt },
    };

    public static OrchestrationMetadata Running(OrchestrationWorkItem workItem, OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Running, string? output = null) =>
        workItem.Instance! with { RuntimeStatus = status, LastUpdatedAt = DateTimeOffset.UtcNow, SerializedOutput = output };

    /// <summary>A first step: OrchestratorStarted, the start event, then one TaskScheduled per activity.</summary>
    public static OrchestrationWorkItemResult FirstStep(OrchestrationWorkItem workItem, int activities)
    {
        var started = workItem.NewMessages.Select(m => m.Event).OfType<ExecutionStartedEvent>().Single();
        var instance = started.OrchestrationInstance;
        var scheduled = Enumerable.Range(0, activities).Select(i => Activity(instance, i)).ToList();
        return new OrchestrationWorkItemResult
        {
            NewHistory = [new OrchestratorStartedEvent { Timestamp = Now }, started, .. scheduled.Select(m => m.Event)],
            Instance = Running(workItem),
            ActivityMessages = scheduled,
        };
    }
}
