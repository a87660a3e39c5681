using Azure.Data.Tables;
using ServerlessOps.Durable.AzureStorage.Tables;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.History;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Durable.AzureStorage.Tests.Backend;

/// <summary>Storage limits: batches past 100 operations, leftovers of a lost commit, payloads past 64 KB, long timers.</summary>
public sealed class BackendStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Commit_250Events_SpansSeveralBatchesAndReadsBackInOrder()
    {
        await using var hub = await TestHub.CreateAsync(azurite);
        var token = Deadline.Token();
        await hub.Backend.CreateOrchestrationInstanceAsync(Messages.Start("big-1"), OrchestrationIdReusePolicy.Default, token);
        var first = await Deadline.UntilAsync(hub.Backend.GetOrchestrationWorkItemAsync, "the start work item");

        await hub.Backend.CompleteOrchestrationWorkItemAsync(first, Messages.FirstStep(first, activities: 248), token);

        var history = await hub.NewBackend().GetOrchestrationHistoryAsync("big-1", token);
        Assert.Equal(250, history.Count);
        Assert.Equal(Enumerable.Range(0, 248), history.OfType<TaskScheduledEvent>().Select(e => e.EventId));
    }

    [Fact]
    public async Task Commit_LeftoverRowsOfALostCommit_AreIgnoredThenCleared()
    {
        await using var hub = await TestHub.CreateAsync(azurite);
        var token = Deadline.Token();
        var start = Messages.Start("left-1");
        await hub.Backend.CreateOrchestrationInstanceAsync(start, OrchestrationIdReusePolicy.Default, token);
        var first = await Deadline.UntilAsync(hub.Backend.GetOrchestrationWorkItemAsync, "the start work item");
        await hub.Backend.CompleteOrchestrationWorkItemAsync(first, Messages.FirstStep(first, 0), token);

        // A worker died after writing the first batches of a large commit but before its sentinel batch.
        var table = new TableClient(azurite.ConnectionString, hub.Name + "History");
        var executionId = start.Instance.ExecutionId!;
        for (var seq = 2; seq < 5; seq++)
        {
            await table.AddEntityAsync(new TableEntity("left-1", TableKeys.HistoryRow(executionId, seq))
            {
                [HistoryColumns.ExecutionId] = executionId,
                [HistoryColumns.Data] = HistoryJson.Serialize(new EventRaisedEvent { Timestamp = Messages.Now, Name = "ghost" }),
            }, token);
        }

        var cold = hub.NewBackend();
        Assert.Equal(2, (await cold.GetOrchestrationHistoryAsync("left-1", token)).Count);
        await cold.AddNewOrchestrationEventAsync(Messages.Raise("left-1", "real"), token);
        var step = await Deadline.UntilAsync(cold.GetOrchestrationWorkItemAsync, "the event step");
        await cold.CompleteOrchestrationWorkItemAsync(step, new OrchestrationWorkItemResult
        {
            NewHistory = [new OrchestratorStartedEvent { Timestamp = Messages.Now }, step.NewMessages[0].Event],
            Instance = Messages.Running(step),
        }, token);

        var history = await hub.NewBackend().GetOrchestrationHistoryAsync("left-1", token);
        Assert.Equal(4, history.Count);
        Assert.DoesNotContain(history, e => e is EventRaisedEvent { Name: "ghost" });
    }

    [Fact]
    public async Task Payload_Over64KB_RoundTripsThroughQueueTableAndStatus()
    {
        // No local dispatch: the start message must travel through the queue (and its blob) to the other worker.
        await using var hub = await TestHub.CreateAsync(azurite, o => o.LocalDispatch = false);
        var token = Deadline.Token();
        var big = "\"" + new string('x', 100_000) + "\"";
        await hub.Backend.CreateOrchestrationInstanceAsync(Messages.Start("large-1", big), OrchestrationIdReusePolicy.Default, token);

        var cold = hub.NewBackend();
        var first = await Deadline.UntilAsync(cold.GetOrchestrationWorkItemAsync, "the start work item");
        Assert.Equal(big, Assert.IsType<ExecutionStartedEvent>(first.NewMessages[0].Event).Input);
        await cold.CompleteOrchestrationWorkItemAsync(first, new OrchestrationWorkItemResult
        {
            NewHistory = [new OrchestratorStartedEvent { Timestamp = Messages.Now }, first.NewMessages[0].Event],
            Instance = Messages.Running(first, Client.OrchestrationRuntimeStatus.Completed, big),
        }, token);

        var status = await hub.NewBackend().GetOrchestrationMetadataAsync("large-1", includePayloads: true, token);
        Assert.Equal(big, status!.SerializedInput);
        Assert.Equal(big, status.SerializedOutput);
        var history = await hub.NewBackend().GetOrchestrationHistoryAsync("large-1", token);
        Assert.Equal(big, Assert.IsType<ExecutionStartedEvent>(history[1]).Input);
    }

    [Fact]
    public async Task Timer_LongerThanTheQueueDelayLimit_IsRearmedAndFiresNotBeforeDue()
    {
        await using var hub = await TestHub.CreateAsync(azurite, o => o.MaxMessageDelay = TimeSpan.FromSeconds(1));
        var token = Deadline.Token();
        var start = Messages.Start("timer-1");
        await hub.Backend.CreateOrchestrationInstanceAsync(start, OrchestrationIdReusePolicy.Default, token);
        var first = await Deadline.UntilAsync(hub.Backend.GetOrchestrationWorkItemAsync, "the start work item");
        var fireAt = DateTime.UtcNow.AddSeconds(3);
        var timer = Messages.Timer(start.Instance, 0, fireAt);
        await hub.Backend.CompleteOrchestrationWorkItemAsync(first, new OrchestrationWorkItemResult
        {
            NewHistory = [new OrchestratorStartedEvent { Timestamp = Messages.Now }, first.NewMessages[0].Event,
                new TimerCreatedEvent { EventId = 0, Timestamp = Messages.Now, FireAt = fireAt }],
            Instance = Messages.Running(first),
            TimerMessages = [timer],
        }, token);

        var fired = await Deadline.UntilAsync(hub.Backend.GetOrchestrationWorkItemAsync, "the timer");

        Assert.True(DateTime.UtcNow >= fireAt.AddMilliseconds(-50), "The timer was delivered before it was due.");
        Assert.Equal(timer.MessageId, Assert.Single(fired.NewMessages).MessageId);
    }
}
