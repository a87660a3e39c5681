using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Tests.Contract;

/// <summary>Contract: creating instances, id reuse, events to unknown instances.</summary>
public abstract partial class BackendContractTests
{
    [Fact]
    public async Task Create_NewInstance_IsPendingAndDeliversItsStartMessage()
    {
        var id = NewId();
        var start = StartMessage(id, input: "\"hello\"");

        await Backend.CreateOrchestrationInstanceAsync(start, OrchestrationIdReusePolicy.Default, Ct);
        var pending = await Backend.GetOrchestrationMetadataAsync(id, includePayloads: true, Ct);
        var workItem = await NextOrchestrationAsync(w => w.InstanceId == id);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending?.RuntimeStatus);
        Assert.Equal("Contract", pending?.Name);
        Assert.Equal("\"hello\"", pending?.SerializedInput);
        Assert.Empty(workItem.History);
        var message = Assert.Single(workItem.NewMessages);
        Assert.Equal(start.MessageId, message.MessageId);
        Assert.Equal("\"hello\"", Assert.IsType<ExecutionStartedEvent>(message.Event).Input);
        await Backend.AbandonOrchestrationWorkItemAsync(workItem, null, Ct);
    }

    [Fact]
    public async Task Create_SameIdWhileRunning_ThrowsAlreadyExists()
    {
        var id = NewId();
        await Backend.CreateOrchestrationInstanceAsync(StartMessage(id), OrchestrationIdReusePolicy.Default, Ct);

        var ex = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            Backend.CreateOrchestrationInstanceAsync(StartMessage(id), OrchestrationIdReusePolicy.Default, Ct));

        Assert.Equal(id, ex.InstanceId);
    }

    [Fact]
    public async Task Create_SameIdConcurrently_ExactlyOneSucceeds()
    {
        var id = NewId();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                await Backend.CreateOrchestrationInstanceAsync(StartMessage(id), OrchestrationIdReusePolicy.Never, Ct);
                return true;
            }
            catch (OrchestrationAlreadyExistsException)
            {
                return false;
            }
        }));

        Assert.Single(attempts, ok => ok);
    }

    [Fact]
    public async Task Create_SameIdAfterCompletion_ReplacesWithDefaultPolicyButNotWithNever()
    {
        var id = NewId();
        var first = await StartAndCommitFirstStepAsync(id);
        var finishing = await AddEventAndWaitAsync(id, new EventRaisedEvent { Timestamp = DateTime.UtcNow, Name = "Done" });
        await Backend.CompleteOrchestrationWorkItemAsync(finishing, new OrchestrationWorkItemResult
        {
            NewHistory = [new ExecutionCompletedEvent { Timestamp = DateTime.UtcNow, OrchestrationStatus = OrchestrationRuntimeStatus.Completed }],
            Instance = Row(id, OrchestrationRuntimeStatus.Completed, output: "1"),
        }, Ct);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            Backend.CreateOrchestrationInstanceAsync(StartMessage(id), OrchestrationIdReusePolicy.Never, Ct));
        var restart = StartMessage(id, input: "2");
        await Backend.CreateOrchestrationInstanceAsync(restart, OrchestrationIdReusePolicy.Default, Ct);
        var metadata = await Backend.GetOrchestrationMetadataAsync(id, true, Ct);
        var workItem = await NextOrchestrationAsync(w => w.InstanceId == id && w.NewMessages.Any(m => m.MessageId == restart.MessageId));

        Assert.NotNull(first);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, metadata?.RuntimeStatus);
        Assert.Equal("2", metadata?.SerializedInput);
        Assert.DoesNotContain(workItem.History, e => e is ExecutionCompletedEvent);
        await Backend.AbandonOrchestrationWorkItemAsync(workItem, null, Ct);
    }

    [Fact]
    public async Task AddEvent_UnknownInstance_ThrowsNotFound()
    {
        var ex = await Assert.ThrowsAsync<OrchestrationNotFoundException>(() =>
            Backend.AddNewOrchestrationEventAsync(MessageFor(NewId("missing"), new EventRaisedEvent { Timestamp = DateTime.UtcNow, Name = "X" }), Ct));

        Assert.NotNull(ex.Message);
    }

    [Fact]
    public async Task SubOrchestrationStart_InOrchestratorMessages_CreatesTheChildInstance()
    {
        var parent = NewId("parent");
        var child = NewId("child");
        var childStart = StartMessage(child, name: "Child", input: "\"from parent\"");
        var startedChild = (ExecutionStartedEvent)childStart.Event;
        childStart = childStart with
        {
            Event = startedChild with { ParentInstance = new ParentInstanceInfo("Contract", new OrchestrationInstance(parent, "p-exec"), 0) },
        };

        await StartAndCommitFirstStepAsync(parent, orchestrators: [childStart]);
        var workItem = await NextOrchestrationAsync(w => w.InstanceId == child);
        var metadata = await Backend.GetOrchestrationMetadataAsync(child, true, Ct);

        Assert.Equal("Child", metadata?.Name);
        Assert.Equal("\"from parent\"", metadata?.SerializedInput);
        Assert.Equal(parent, Assert.IsType<ExecutionStartedEvent>(Assert.Single(workItem.NewMessages).Event).ParentInstance?.Instance.InstanceId);
        await Backend.AbandonOrchestrationWorkItemAsync(workItem, null, Ct);
    }

    /// <summary>Enqueues an event for the instance and polls until a work item carries it.</summary>
    protected async Task<OrchestrationWorkItem> AddEventAndWaitAsync(string instanceId, HistoryEvent e, string? messageId = null)
    {
        var message = MessageFor(instanceId, e, messageId);
        await Backend.AddNewOrchestrationEventAsync(message, Ct);
        return await NextOrchestrationAsync(w => w.InstanceId == instanceId && w.NewMessages.Any(m => m.MessageId == message.MessageId));
    }
}
