using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Durable.AzureStorage.Tests.Backend;

/// <summary>The backend's own guarantees, driven step by step without the runtime.</summary>
public sealed class BackendStepTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CreateThenStep_ActivityRoundTrip_HistoryAndStatusCommitted()
    {
        await using var hub = await TestHub.CreateAsync(azurite);
        var backend = hub.Backend;
        var token = Deadline.Token();
        await backend.CreateOrchestrationInstanceAsync(Messages.Start("chain-1", "\"in\""), OrchestrationIdReusePolicy.Default, token);

        var pending = await backend.GetOrchestrationMetadataAsync("chain-1", includePayloads: true, token);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);
        Assert.Equal("\"in\"", pending.SerializedInput);

        var first = await Deadline.UntilAsync(backend.GetOrchestrationWorkItemAsync, "the start work item");
        Assert.Empty(first.History);
        await backend.CompleteOrchestrationWorkItemAsync(first, Messages.FirstStep(first, activities: 1), token);

        var activity = await Deadline.UntilAsync(backend.GetActivityWorkItemAsync, "the activity");
        var instance = activity.Message.Instance;
        await backend.CompleteActivityWorkItemAsync(activity, Messages.Completed(instance, 0, "42"), token);

        var second = await Deadline.UntilAsync(backend.GetOrchestrationWorkItemAsync, "the completion work item");
        Assert.Equal(3, second.History.Count);
        Assert.IsType<TaskCompletedEvent>(Assert.Single(second.NewMessages).Event);
        await backend.CompleteOrchestrationWorkItemAsync(second, new OrchestrationWorkItemResult
        {
            NewHistory =
            [
                new OrchestratorStartedEvent { Timestamp = Messages.Now },
                second.NewMessages[0].Event,
                new ExecutionCompletedEvent { Timestamp = Messages.Now, OrchestrationStatus = OrchestrationRuntimeStatus.Completed, Result = "42" },
            ],
            Instance = Messages.Running(second, OrchestrationRuntimeStatus.Completed, "42"),
        }, token);

        var done = await backend.GetOrchestrationMetadataAsync("chain-1", includePayloads: true, token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Equal("42", done.SerializedOutput);
        var history = await backend.GetOrchestrationHistoryAsync("chain-1", token);
        Assert.Equal(6, history.Count);
        var query = await backend.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed] }, token);
        Assert.Equal("chain-1", Assert.Single(query.Instances).InstanceId);
    }

    [Fact]
    public async Task Commit_AnotherWorkerCommittedFirst_ThrowsConcurrencyAndKeepsWinnersHistory()
    {
        await using var hub = await TestHub.CreateAsync(azurite);
        var token = Deadline.Token();
        var workerA = hub.Backend;
        var workerB = hub.NewBackend();
        await workerA.CreateOrchestrationInstanceAsync(Messages.Start("race-1"), OrchestrationIdReusePolicy.Default, token);
        var first = await Deadline.UntilAsync(workerA.GetOrchestrationWorkItemAsync, "the start work item");
        await workerA.CompleteOrchestrationWorkItemAsync(first, Messages.FirstStep(first, 0), token);

        // Both workers build a step on the same committed history (B through the queue-trigger path).
        var raise = Messages.Raise("race-1", "go");
        await workerA.AddNewOrchestrationEventAsync(raise, token);
        var stepA = await Deadline.UntilAsync(workerA.GetOrchestrationWorkItemAsync, "A's step");
        var stepB = (OrchestrationWorkItem)(await workerB.GetWorkItemFromDeliveredMessageAsync(
            Delivered(hub, "race-1", Messages.Raise("race-1", "other")), token))!;

        await workerB.CompleteOrchestrationWorkItemAsync(stepB, OneEventStep(stepB, "B"), token);
        await Assert.ThrowsAsync<OrchestrationConcurrencyException>(() => workerA.CompleteOrchestrationWorkItemAsync(stepA, OneEventStep(stepA, "A"), token));

        var history = await workerA.GetOrchestrationHistoryAsync("race-1", token);
        Assert.Equal(4, history.Count);
        Assert.Equal("other", Assert.IsType<EventRaisedEvent>(history[^1]).Name);
        await workerA.AbandonOrchestrationWorkItemAsync(stepA, null, token);
    }

    [Fact]
    public async Task RedeliveredMessage_AlreadyCommitted_IsDroppedNotAppended()
    {
        await using var hub = await TestHub.CreateAsync(azurite);
        var token = Deadline.Token();
        var backend = hub.Backend;
        await backend.CreateOrchestrationInstanceAsync(Messages.Start("dup-1"), OrchestrationIdReusePolicy.Default, token);
        var first = await Deadline.UntilAsync(backend.GetOrchestrationWorkItemAsync, "the start work item");
        await backend.CompleteOrchestrationWorkItemAsync(first, Messages.FirstStep(first, 0), token);
        var raise = Messages.Raise("dup-1", "once");
        var step = (OrchestrationWorkItem)(await backend.GetWorkItemFromDeliveredMessageAsync(Delivered(hub, "dup-1", raise), token))!;
        await backend.CompleteOrchestrationWorkItemAsync(step, OneEventStep(step, "once"), token);

        // The same message again, as after a crash between commit and delete, from a worker with a cold cache.
        var again = await hub.NewBackend().GetWorkItemFromDeliveredMessageAsync(Delivered(hub, "dup-1", raise), token);

        Assert.Null(again);
        var history = await backend.GetOrchestrationHistoryAsync("dup-1", token);
        Assert.Single(history, e => e is EventRaisedEvent);
    }

    [Fact]
    public async Task Create_IdRunning_IsRejected_IdCompleted_IsReplaced()
    {
        await using var hub = await TestHub.CreateAsync(azurite);
        var token = Deadline.Token();
        var backend = hub.Backend;
        await backend.CreateOrchestrationInstanceAsync(Messages.Start("idem-1"), OrchestrationIdReusePolicy.Default, token);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => backend.CreateOrchestrationInstanceAsync(Messages.Start("idem-1"), OrchestrationIdReusePolicy.Default, token));

        var first = await Deadline.UntilAsync(backend.GetOrchestrationWorkItemAsync, "the start work item");
        await backend.CompleteOrchestrationWorkItemAsync(first, new OrchestrationWorkItemResult
        {
            NewHistory = [new OrchestratorStartedEvent { Timestamp = Messages.Now }, first.NewMessages[0].Event,
                new ExecutionCompletedEvent { Timestamp = Messages.Now, OrchestrationStatus = OrchestrationRuntimeStatus.Completed }],
            Instance = Messages.Running(first, OrchestrationRuntimeStatus.Completed),
        }, token);
        var restart = Messages.Start("idem-1");
        await backend.CreateOrchestrationInstanceAsync(restart, OrchestrationIdReusePolicy.Default, token);

        var replaced = await backend.GetOrchestrationMetadataAsync("idem-1", false, token);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, replaced!.RuntimeStatus);
        Assert.Equal(restart.Instance.ExecutionId, replaced.ExecutionId);
        Assert.Empty(await backend.GetOrchestrationHistoryAsync("idem-1", token));
    }

    internal static DeliveredQueueMessage Delivered(TestHub hub, string instanceId, TaskMessage message)
    {
        var partition = Queues.PartitionHashTests.PartitionOf(instanceId, hub.Options().PartitionCount);
        var body = System.Text.Json.JsonSerializer.Serialize(
            new AzureStorage.Queues.QueueEnvelope { Id = message.MessageId, InstanceId = instanceId, Message = message }, HistoryJson.Options);
        return new DeliveredQueueMessage
        {
            QueueName = $"{hub.Name.ToLowerInvariant()}-control-{partition:00}",
            MessageId = Guid.NewGuid().ToString(),
            MessageText = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(body)),
        };
    }

    private static OrchestrationWorkItemResult OneEventStep(OrchestrationWorkItem workItem, string _) => new()
    {
        NewHistory = [new OrchestratorStartedEvent { Timestamp = Messages.Now }, .. workItem.NewMessages.Select(m => m.Event)],
        Instance = Messages.Running(workItem),
    };
}
