using System.Text.Json;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.Tests.History;

/// <summary>History events serialise polymorphically by their <c>eventType</c> discriminator.</summary>
public sealed class HistoryJsonTests
{
    private static readonly DateTime s_at = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    public static TheoryData<HistoryEvent> Events() =>
    [
        new ExecutionStartedEvent { Timestamp = s_at, Name = "Order", Input = "{\"a\":1}", OrchestrationInstance = new("i", "e"), ParentInstance = new("P", new("p", "pe"), 3), ScheduledStartTime = s_at },
        new ExecutionCompletedEvent { Timestamp = s_at, OrchestrationStatus = OrchestrationRuntimeStatus.Failed, FailureDetails = new("T", "m", "s", new("I", "im")) },
        new ExecutionTerminatedEvent { Timestamp = s_at, Input = "\"why\"" },
        new ExecutionSuspendedEvent { Timestamp = s_at },
        new ExecutionResumedEvent { Timestamp = s_at },
        new OrchestratorStartedEvent { Timestamp = s_at },
        new OrchestratorCompletedEvent { Timestamp = s_at },
        new TaskScheduledEvent { EventId = 4, Timestamp = s_at, Name = "A", Input = "1" },
        new TaskCompletedEvent { Timestamp = s_at, TaskScheduledId = 4, Result = "2" },
        new TaskFailedEvent { Timestamp = s_at, TaskScheduledId = 4, FailureDetails = new("T", "m") },
        new SubOrchestrationInstanceCreatedEvent { EventId = 5, Timestamp = s_at, Name = "C", InstanceId = "c" },
        new SubOrchestrationInstanceCompletedEvent { Timestamp = s_at, TaskScheduledId = 5, Result = "3" },
        new SubOrchestrationInstanceFailedEvent { Timestamp = s_at, TaskScheduledId = 5, FailureDetails = new("T", "m") },
        new TimerCreatedEvent { EventId = 6, Timestamp = s_at, FireAt = s_at.AddDays(8) },
        new TimerFiredEvent { Timestamp = s_at, TimerId = 6, FireAt = s_at.AddDays(8) },
        new EventRaisedEvent { Timestamp = s_at, Name = "Paid", Input = "true" },
        new EventSentEvent { EventId = 7, Timestamp = s_at, InstanceId = "x", Name = "Ping" },
        new ContinueAsNewEvent { Timestamp = s_at, PreviousExecutionId = "old" },
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void RoundTrip_EveryEventType_KeepsTypeAndValues(HistoryEvent original)
    {
        var json = HistoryJson.Serialize(original);
        var read = HistoryJson.DeserializeEvent(json);

        Assert.Equal(original.GetType(), read.GetType());
        Assert.Equal(json, HistoryJson.Serialize(read));
        Assert.Equal(original.GetType().Name[..^"Event".Length], JsonDocument.Parse(json).RootElement.GetProperty("eventType").GetString());
    }

    [Fact]
    public void TaskMessage_DiscriminatorNotFirst_StillReads()
    {
        const string json = """{"messageId":"m","instance":{"instanceId":"i"},"event":{"name":"Go","timestamp":"2026-01-02T03:04:05Z","eventType":"EventRaised"}}""";

        var message = JsonSerializer.Deserialize<TaskMessage>(json, HistoryJson.Options)!;

        Assert.Equal("Go", Assert.IsType<EventRaisedEvent>(message.Event).Name);
    }

    [Fact]
    public void FailureDetails_FromNestedException_KeepsTypeMessageStackAndInner()
    {
        Exception caught;
        try
        {
            try
            {
                throw new ArgumentException("inner");
            }
            catch (ArgumentException inner)
            {
                throw new InvalidOperationException("outer", inner);
            }
        }
        catch (InvalidOperationException ex)
        {
            caught = ex;
        }

        var details = TaskFailureDetails.FromException(caught);

        Assert.Equal(typeof(InvalidOperationException).FullName, details.ErrorType);
        Assert.Contains(nameof(FailureDetails_FromNestedException_KeepsTypeMessageStackAndInner), details.StackTrace, StringComparison.Ordinal);
        Assert.Equal("inner", details.InnerFailure?.ErrorMessage);
        Assert.True(details.IsCausedBy<ArgumentException>());
        Assert.False(details.IsCausedBy<TimeoutException>());
    }
}
