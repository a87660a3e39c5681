using Azure;
using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// The standalone engine as the worker's dispatchers see it: the Azure Storage engine with three corrections this host
/// makes on purpose. The client is given the bare engine; every member not named below passes straight through.
/// </summary>
/// <remarks>
/// <para>
/// 1. Back-off per instance (<see cref="GetDelayInSecondsAfterOnProcessException"/>). The engine answers every
/// processing failure with a 10 s back-off, and DTFx's dispatcher then waits that long after each fetch until five
/// work items succeed: one failed episode cuts the worker's whole orchestration throughput to one episode per 10 s for
/// about a minute. That protects storage during an outage, but a 404 (the instance's history or payload was purged
/// while its episode ran) or a 412 (another worker committed the same instance first) concerns that one instance only;
/// the engine abandons its messages and settles them on the next fetch (discarded for a purged instance, replayed
/// after a conflict). For those no back-off is asked; for anything else the engine's answer stands. Durable Functions
/// in Azure runs the unmodified engine: there a purge during a running episode still pauses the worker.
/// </para>
/// <para>
/// 2. Activity fetch loops (<see cref="TaskActivityDispatcherCount"/>, <see cref="ActivityFetchLoops"/>). The engine
/// takes one work-item message per queue request, so its one loop starts at most one activity per round trip: about
/// 10 ms on Azure Storage (~100 activities/s per worker), but 50-150 ms on Azurite while the same node processes serve
/// the webhook edge and the control queues. There the order-flow benchmark's activities (10 orders/s, machine loaded
/// by other work) waited 5-6 s p50 in the work-item queue while running for 53 ms (load) and 267 ms (reserve) p50;
/// with four loops the wait went to 0.7 s.
/// </para>
/// <para>
/// 3. Pending-row repair (<see cref="CompleteTaskOrchestrationWorkItemAsync"/>, when given an
/// <see cref="InstanceStatusRepair"/>). When an instance's first commit wrote its history but not its instance row, the
/// retried episode drops the start as a duplicate and the engine never writes Running again
/// (azure-functions-durable-extension#1252; drill 3: 2 of 240 order flows). An episode that re-ran the first episode is
/// therefore followed by that repair, so the row does not stay Pending while the instance runs.
/// </para>
/// <para>The engine class is sealed, hence a decorator rather than an override.</para>
/// </remarks>
internal sealed class WorkerFacingOrchestrationService(IOrchestrationService inner, InstanceStatusRepair? statusRepair = null, ILogger? logger = null)
    : IOrchestrationService
{
    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    /// <summary>Concurrent activity fetch loops: enough to hide Azurite's round trip; idle, they share the engine's back-off, so at most four polls per polling interval.</summary>
    internal const int ActivityFetchLoops = 4;

    public int TaskActivityDispatcherCount => Math.Max(ActivityFetchLoops, inner.TaskActivityDispatcherCount);

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) =>
        IsInstanceScoped(exception) ? 0 : inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        // Judged before the commit, which moves the new events into the session's state.
        var repair = statusRepair is not null && InstanceStatusRepair.IsRetriedFirstEpisode(workItem, newOrchestrationRuntimeState);
        await inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
        if (repair && newOrchestrationRuntimeState.OrchestrationInstance is { ExecutionId: { } executionId })
        {
            try
            {
                await statusRepair!.RepairAsync(workItem.InstanceId, executionId);
            }
            catch (Exception e) when (e is RequestFailedException or OperationCanceledException)
            {
                // The episode itself has committed: failing the work item now would only replay it. The row corrects
                // itself when the instance finishes.
                logger?.PendingRowRepairFailed(e, workItem.InstanceId, executionId);
            }
        }
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);

    /// <summary>True when the failure is a storage 404 or 412 anywhere in the exception chain.</summary>
    internal static bool IsInstanceScoped(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is RequestFailedException { Status: 404 or 412 })
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsInstanceScoped))
            {
                return true;
            }
        }

        return false;
    }
}
