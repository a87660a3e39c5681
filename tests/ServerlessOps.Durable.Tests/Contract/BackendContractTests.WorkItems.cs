using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Tests.Contract;

/// <summary>Contract: work item locking, commit, abandon, ETag races, redelivery, timers, large payloads.</summary>
public abstract partial class BackendContractTests
{
    [Fact]
    public async Task Complete_Step_CommitsHistoryAndRowAndDispatchesTheActivity()
    {
        var id = NewId();
        var scheduled = new TaskScheduledEvent { EventId = 0, Timestamp = DateTime.UtcNow, Name = "ReserveStock", Input = "\"sku\"" };
        var activity = new TaskMessage { MessageId = $"{id}:0:task", Instance = new OrchestrationInstance(id), Event = scheduled };

        await StartAndCommitFirstStepAsync(id, [scheduled], activities: [activity]);
        var history = await Backend.GetOrchestrationHistoryAsync(id, Ct);
        var metadata = await Backend.GetOrchestrationMetadataAsync(id, false, Ct);
        var activityItem = await NextActivityAsync();

        Assert.Equal(["OrchestratorStartedEvent", "ExecutionStartedEvent", "TaskScheduledEvent", "OrchestratorCompletedEvent"], history.Select(e => e.GetType().Name));
        Assert.Equal(OrchestrationRuntimeStatus.Running, metadata?.RuntimeStatus);
        Assert.Equal("ReserveStock", activityItem.TaskScheduled.Name);
        Assert.Equal("\"sku\"", activityItem.TaskScheduled.Input);
        Assert.Equal(id, activityItem.Message.Instance.InstanceId);
        await Backend.AbandonActivityWorkItemAsync(activityItem, null, Ct);
    }

    [Fact]
    public async Task CompleteActivity_Response_ReachesTheInstanceAndTheInvocationIsGone()
    {
        var id = NewId();
        var scheduled = new TaskScheduledEvent { EventId = 0, Timestamp = DateTime.UtcNow, Name = "A" };
        await StartAndCommitFirstStepAsync(id, [scheduled], activities: [new TaskMessage { MessageId = $"{id}:0:task", Instance = new OrchestrationInstance(id), Event = scheduled }]);
        var activityItem = await NextActivityAsync();

        var response = MessageFor(id, new TaskCompletedEvent { Timestamp = DateTime.UtcNow, TaskScheduledId = 0, Result = "42" }, $"{id}:0:task:result");
        await Backend.CompleteActivityWorkItemAsync(activityItem, response, Ct);
        var workItem = await NextOrchestrationAsync(w => w.InstanceId == id);

        Assert.Equal(4, workItem.History.Count);
        Assert.Equal("42", Assert.IsType<TaskCompletedEvent>(Assert.Single(workItem.NewMessages).Event).Result);
        Assert.Null(await Backend.GetActivityWorkItemAsync(Ct));
        await Backend.AbandonOrchestrationWorkItemAsync(workItem, null, Ct);
    }

    [Fact]
    public async Task Abandon_OrchestrationWorkItem_RedeliversTheSameMessages()
    {
        var id = NewId();
        await Backend.CreateOrchestrationInstanceAsync(StartMessage(id), OrchestrationIdReusePolicy.Default, Ct);
        var first = await NextOrchestrationAsync(w => w.InstanceId == id);

        await Backend.AbandonOrchestrationWorkItemAsync(first, null, Ct);
        var second = await NextOrchestrationAsync(w => w.InstanceId == id);

        Assert.Equal(first.NewMessages.Select(m => m.MessageId), second.NewMessages.Select(m => m.MessageId));
        await Backend.AbandonOrchestrationWorkItemAsync(second, null, Ct);
    }

    [Fact]
    public async Task Lock_InstanceHeldByAWorkItem_IsNotHandedOutTwice()
    {
        var id = NewId();
        await Backend.CreateOrchestrationInstanceAsync(StartMessage(id), OrchestrationIdReusePolicy.Default, Ct);
        var held = await NextOrchestrationAsync(w => w.InstanceId == id);

        var other = await Backend.GetOrchestrationWorkItemAsync(Ct);

        Assert.True(other is null || other.InstanceId != id, "the locked instance was handed out again");
        if (other is not null)
        {
            await Backend.AbandonOrchestrationWorkItemAsync(other, null, Ct);
        }

        await Backend.AbandonOrchestrationWorkItemAsync(held, null, Ct);
    }

    [Fact]
    public async Task Complete_StaleWorkItemAfterAnotherCommit_ThrowsConcurrencyAndChangesNothing()
    {
        var id = NewId();
        await StartAndCommitFirstStepAsync(id);
        var stale = await AddEventAndWaitAsync(id, new EventRaisedEvent { Timestamp = DateTime.UtcNow, Name = "E" });
        await Backend.AbandonOrchestrationWorkItemAsync(stale, null, Ct);
        var winner = await NextOrchestrationAsync(w => w.InstanceId == id);
        await CommitEmptyAsync(winner, [new OrchestratorStartedEvent { Timestamp = DateTime.UtcNow }, winner.NewMessages[0].Event]);

        await Assert.ThrowsAsync<OrchestrationConcurrencyException>(() =>
            CommitEmptyAsync(stale, [new OrchestratorStartedEvent { Timestamp = DateTime.UtcNow }, new EventRaisedEvent { Timestamp = DateTime.UtcNow, Name = "Loser" }]));
        await Backend.AbandonOrchestrationWorkItemAsync(stale, null, Ct);
        var history = await Backend.GetOrchestrationHistoryAsync(id, Ct);

        Assert.Single(history, e => e is EventRaisedEvent);
        Assert.DoesNotContain(history, e => e is EventRaisedEvent { Name: "Loser" });
    }

    [Fact]
    public async Task Redelivery_MessageIdAlreadyCommitted_IsNeverHandedOutAgain()
    {
        var id = NewId();
        await StartAndCommitFirstStepAsync(id);
        var raised = new EventRaisedEvent { Timestamp = DateTime.UtcNow, Name = "Paid" };
        var messageId = $"{id}:paid";
        var first = await AddEventAndWaitAsync(id, raised, messageId);
        await CommitEmptyAsync(first, [new OrchestratorStartedEvent { Timestamp = DateTime.UtcNow }, raised]);

        await Backend.AddNewOrchestrationEventAsync(MessageFor(id, raised, messageId), Ct);
        var marker = MessageFor(id, new EventRaisedEvent { Timestamp = DateTime.UtcNow, Name = "Marker" });
        await Backend.AddNewOrchestrationEventAsync(marker, Ct);
        var seen = new List<string>();
        var next = await NextOrchestrationAsync(w =>
        {
            seen.AddRange(w.NewMessages.Select(m => m.MessageId));
            return w.InstanceId == id && w.NewMessages.Any(m => m.MessageId == marker.MessageId);
        });
        await CommitEmptyAsync(next);

        Assert.DoesNotContain(messageId, seen);
    }

    [Fact]
    public async Task Timer_NotDeliveredBeforeItIsDue()
    {
        var id = NewId();
        var fireAt = DateTime.UtcNow.AddSeconds(2);
        var timer = MessageFor(id, new TimerFiredEvent { Timestamp = DateTime.UtcNow, TimerId = 0, FireAt = fireAt }, $"{id}:0:timer");
        await StartAndCommitFirstStepAsync(id, [new TimerCreatedEvent { EventId = 0, Timestamp = DateTime.UtcNow, FireAt = fireAt }], timers: [timer]);

        var early = await Backend.GetOrchestrationWorkItemAsync(Ct);
        var delivered = await NextOrchestrationAsync(w => w.InstanceId == id);
        var deliveredAt = DateTime.UtcNow;

        Assert.True(early is null || early.InstanceId != id, "the timer was delivered before it was due");
        Assert.True(deliveredAt >= fireAt, $"delivered at {deliveredAt:O}, due {fireAt:O}");
        Assert.IsType<TimerFiredEvent>(Assert.Single(delivered.NewMessages).Event);
        await CommitEmptyAsync(delivered);
    }

    [Fact]
    public async Task LargePayloads_OverQueueAndTableLimits_RoundTripEverywhere()
    {
        var id = NewId();
        var big = "\"" + new string('x', 200 * 1024) + "\"";
        await Backend.CreateOrchestrationInstanceAsync(StartMessage(id, input: big), OrchestrationIdReusePolicy.Default, Ct);
        var workItem = await NextOrchestrationAsync(w => w.InstanceId == id);
        var started = (ExecutionStartedEvent)Assert.Single(workItem.NewMessages).Event;
        var scheduled = new TaskScheduledEvent { EventId = 0, Timestamp = DateTime.UtcNow, Name = "Big", Input = big };
        await Backend.CompleteOrchestrationWorkItemAsync(workItem, new OrchestrationWorkItemResult
        {
            NewHistory = [new OrchestratorStartedEvent { Timestamp = DateTime.UtcNow }, started, scheduled],
            Instance = Row(id, OrchestrationRuntimeStatus.Running) with { SerializedInput = big, SerializedCustomStatus = big },
            ActivityMessages = [new TaskMessage { MessageId = $"{id}:0:task", Instance = new OrchestrationInstance(id), Event = scheduled }],
        }, Ct);

        var activity = await NextActivityAsync();
        var history = await Backend.GetOrchestrationHistoryAsync(id, Ct);
        var metadata = await Backend.GetOrchestrationMetadataAsync(id, true, Ct);

        Assert.Equal(big, started.Input);
        Assert.Equal(big, activity.TaskScheduled.Input);
        Assert.Equal(big, history.OfType<TaskScheduledEvent>().Single().Input);
        Assert.Equal(big, history.OfType<ExecutionStartedEvent>().Single().Input);
        Assert.Equal(big, metadata?.SerializedInput);
        Assert.Equal(big, metadata?.SerializedCustomStatus);
        await Backend.AbandonActivityWorkItemAsync(activity, null, Ct);
    }

    [Fact]
    public async Task ReplacesHistory_ContinueAsNew_KeepsOnlyTheNewExecution()
    {
        var id = NewId();
        await StartAndCommitFirstStepAsync(id, [new TaskScheduledEvent { EventId = 0, Timestamp = DateTime.UtcNow, Name = "Old" }]);
        var workItem = await AddEventAndWaitAsync(id, new EventRaisedEvent { Timestamp = DateTime.UtcNow, Name = "Next" });
        var next = new ExecutionStartedEvent { Timestamp = DateTime.UtcNow, Name = "Contract", Input = "2", OrchestrationInstance = new OrchestrationInstance(id, "exec-2") };

        await Backend.CompleteOrchestrationWorkItemAsync(workItem, new OrchestrationWorkItemResult
        {
            NewHistory = [new OrchestratorStartedEvent { Timestamp = DateTime.UtcNow }, next],
            ReplacesHistory = true,
            Instance = Row(id, OrchestrationRuntimeStatus.Running) with { ExecutionId = "exec-2", SerializedInput = "2" },
        }, Ct);
        var history = await Backend.GetOrchestrationHistoryAsync(id, Ct);

        Assert.Equal(2, history.Count);
        Assert.Equal("exec-2", history.OfType<ExecutionStartedEvent>().Single().OrchestrationInstance.ExecutionId);
    }
}
