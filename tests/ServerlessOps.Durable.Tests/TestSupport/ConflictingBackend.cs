using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Backend.InMemory;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Tests.TestSupport;

/// <summary>An in-memory backend whose first <c>conflicts</c> orchestration commits lose an ETag race.</summary>
internal sealed class ConflictingBackend(int conflicts) : IOrchestrationBackend
{
    private readonly InMemoryOrchestrationBackend _inner = new();
    private int _remaining = conflicts;

    public int Abandons { get; private set; }

    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationWorkItemResult result, CancellationToken cancellationToken = default) =>
        Interlocked.Decrement(ref _remaining) >= 0
            ? throw new OrchestrationConcurrencyException("simulated: another worker committed first")
            : _inner.CompleteOrchestrationWorkItemAsync(workItem, result, cancellationToken);

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan? retryAfter = null, CancellationToken cancellationToken = default)
    {
        Abandons++;
        return _inner.AbandonOrchestrationWorkItemAsync(workItem, retryAfter, cancellationToken);
    }

    public Task CreateTaskHubAsync(CancellationToken cancellationToken = default) => _inner.CreateTaskHubAsync(cancellationToken);

    public Task DeleteTaskHubAsync(CancellationToken cancellationToken = default) => _inner.DeleteTaskHubAsync(cancellationToken);

    public Task CreateOrchestrationInstanceAsync(TaskMessage message, OrchestrationIdReusePolicy policy, CancellationToken cancellationToken = default) =>
        _inner.CreateOrchestrationInstanceAsync(message, policy, cancellationToken);

    public Task AddNewOrchestrationEventAsync(TaskMessage message, CancellationToken cancellationToken = default) => _inner.AddNewOrchestrationEventAsync(message, cancellationToken);

    public Task<OrchestrationWorkItem?> GetOrchestrationWorkItemAsync(CancellationToken cancellationToken = default) => _inner.GetOrchestrationWorkItemAsync(cancellationToken);

    public Task<ActivityWorkItem?> GetActivityWorkItemAsync(CancellationToken cancellationToken = default) => _inner.GetActivityWorkItemAsync(cancellationToken);

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken = default) =>
        _inner.CompleteActivityWorkItemAsync(workItem, response, cancellationToken);

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, TimeSpan? retryAfter = null, CancellationToken cancellationToken = default) =>
        _inner.AbandonActivityWorkItemAsync(workItem, retryAfter, cancellationToken);

    public Task<WorkItem?> GetWorkItemFromDeliveredMessageAsync(DeliveredQueueMessage message, CancellationToken cancellationToken = default) =>
        _inner.GetWorkItemFromDeliveredMessageAsync(message, cancellationToken);

    public Task<OrchestrationMetadata?> GetOrchestrationMetadataAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default) =>
        _inner.GetOrchestrationMetadataAsync(instanceId, includePayloads, cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        _inner.GetOrchestrationHistoryAsync(instanceId, cancellationToken);

    public Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default) => _inner.QueryInstancesAsync(query, cancellationToken);

    public Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) => _inner.PurgeInstanceAsync(instanceId, cancellationToken);

    public Task<PurgeResult> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default) => _inner.PurgeInstancesAsync(filter, cancellationToken);
}
