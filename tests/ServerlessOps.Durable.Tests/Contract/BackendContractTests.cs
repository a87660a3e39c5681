using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Tests.Contract;

/// <summary>
/// The behaviour every <see cref="IOrchestrationBackend"/> must show (durabletask-go <c>tests/backend_test.go</c>).
/// A backend's test project derives from this class and supplies only <see cref="CreateBackendAsync"/>, which
/// returns a backend over a fresh, empty task hub (a unique hub name per test). The suite uses the public API
/// only and polls with deadlines, so it suits backends whose queues deliver with some delay.
/// Files: this one (fixture and helpers), <c>.Instances.cs</c>, <c>.WorkItems.cs</c>, <c>.Queries.cs</c>.
/// </summary>
public abstract partial class BackendContractTests : IAsyncLifetime
{
    private IOrchestrationBackend? _backend;

    /// <summary>The backend under test (created before each test).</summary>
    protected IOrchestrationBackend Backend => _backend ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>How long the suite waits for a message to become visible.</summary>
    protected virtual TimeSpan DeliveryTimeout => TimeSpan.FromSeconds(30);

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates the backend over a fresh, empty task hub.</summary>
    /// <returns>The backend.</returns>
    protected abstract Task<IOrchestrationBackend> CreateBackendAsync();

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        _backend = await CreateBackendAsync();
        await _backend.CreateTaskHubAsync(Ct);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_backend is null)
        {
            return;
        }

        await _backend.DeleteTaskHubAsync(CancellationToken.None);
        if (_backend is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A start message for a new instance.</summary>
    protected static TaskMessage StartMessage(string instanceId, string name = "Contract", string? input = null, DateTime? startAt = null)
    {
        var executionId = Guid.NewGuid().ToString("N");
        var started = new ExecutionStartedEvent
        {
            Timestamp = DateTime.UtcNow,
            Name = name,
            Input = input,
            OrchestrationInstance = new OrchestrationInstance(instanceId, executionId),
            ScheduledStartTime = startAt,
        };
        return new TaskMessage { MessageId = $"{executionId}:start", Instance = started.OrchestrationInstance, Event = started };
    }

    /// <summary>A message for the instance's current execution.</summary>
    protected static TaskMessage MessageFor(string instanceId, HistoryEvent e, string? messageId = null) =>
        new() { MessageId = messageId ?? Guid.NewGuid().ToString("N"), Instance = new OrchestrationInstance(instanceId), Event = e };

    /// <summary>Metadata of a step result.</summary>
    protected static OrchestrationMetadata Row(string instanceId, OrchestrationRuntimeStatus status, string name = "Contract", string? output = null, DateTimeOffset? createdAt = null) => new()
    {
        InstanceId = instanceId,
        Name = name,
        RuntimeStatus = status,
        CreatedAt = createdAt ?? DateTimeOffset.UtcNow,
        LastUpdatedAt = DateTimeOffset.UtcNow,
        CompletedAt = status.IsTerminal() ? DateTimeOffset.UtcNow : null,
        SerializedOutput = output,
    };

    /// <summary>Polls for an orchestration work item that satisfies <paramref name="match"/> (others are abandoned).</summary>
    protected async Task<OrchestrationWorkItem> NextOrchestrationAsync(Func<OrchestrationWorkItem, bool>? match = null)
    {
        using var deadline = Deadline();
        while (true)
        {
            var workItem = await Backend.GetOrchestrationWorkItemAsync(deadline.Token);
            if (workItem is not null)
            {
                if (match is null || match(workItem))
                {
                    return workItem;
                }

                await Backend.AbandonOrchestrationWorkItemAsync(workItem, null, deadline.Token);
            }

            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>Polls for the next activity work item.</summary>
    protected async Task<ActivityWorkItem> NextActivityAsync()
    {
        using var deadline = Deadline();
        while (true)
        {
            if (await Backend.GetActivityWorkItemAsync(deadline.Token) is { } workItem)
            {
                return workItem;
            }

            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>Runs the first step of a new instance: commits [OrchestratorStarted, ExecutionStarted, extra..., OrchestratorCompleted] as Running.</summary>
    protected async Task<OrchestrationWorkItem> StartAndCommitFirstStepAsync(
        string instanceId,
        IReadOnlyList<HistoryEvent>? extraHistory = null,
        IReadOnlyList<TaskMessage>? activities = null,
        IReadOnlyList<TaskMessage>? timers = null,
        IReadOnlyList<TaskMessage>? orchestrators = null)
    {
        await Backend.CreateOrchestrationInstanceAsync(StartMessage(instanceId), OrchestrationIdReusePolicy.Default, Ct);
        var workItem = await NextOrchestrationAsync(w => w.InstanceId == instanceId);
        var started = workItem.NewMessages.Select(m => m.Event).OfType<ExecutionStartedEvent>().Single();
        var history = new List<HistoryEvent> { new OrchestratorStartedEvent { Timestamp = DateTime.UtcNow }, started };
        history.AddRange(extraHistory ?? []);
        history.Add(new OrchestratorCompletedEvent { Timestamp = DateTime.UtcNow });
        await Backend.CompleteOrchestrationWorkItemAsync(workItem, new OrchestrationWorkItemResult
        {
            NewHistory = history,
            Instance = Row(instanceId, OrchestrationRuntimeStatus.Running) with { ExecutionId = started.OrchestrationInstance.ExecutionId },
            ActivityMessages = activities ?? [],
            TimerMessages = timers ?? [],
            OrchestratorMessages = orchestrators ?? [],
        }, Ct);
        return workItem;
    }

    /// <summary>Commits a step that appends nothing but keeps the instance Running (consumes the messages).</summary>
    protected Task CommitEmptyAsync(OrchestrationWorkItem workItem, IReadOnlyList<HistoryEvent>? history = null) =>
        Backend.CompleteOrchestrationWorkItemAsync(workItem, new OrchestrationWorkItemResult
        {
            NewHistory = history ?? [],
            Instance = workItem.Instance ?? Row(workItem.InstanceId, OrchestrationRuntimeStatus.Running),
        }, Ct);

    /// <summary>A deadline linked to the test's token.</summary>
    protected CancellationTokenSource Deadline()
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(DeliveryTimeout);
        return cts;
    }

    /// <summary>A fresh instance id.</summary>
    protected static string NewId(string prefix = "contract") => $"{prefix}-{Guid.NewGuid():N}";
}
