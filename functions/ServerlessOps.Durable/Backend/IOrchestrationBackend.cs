using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Backend;

/// <summary>
/// The only storage contract of the runtime (after durabletask-go <c>backend/backend.go</c>). Implementations
/// must be safe for concurrent use by many workers in many processes over one task hub.
/// </summary>
/// <remarks>
/// Guarantees every implementation gives (the contract suite <c>BackendContractTests</c> checks them):
/// <list type="bullet">
/// <item>An orchestration step commits atomically: history append and instance row either both happen or
/// neither does, guarded by the ETag read with the work item (<see cref="OrchestrationConcurrencyException"/>).</item>
/// <item>Exactly-once state transitions: a message whose <see cref="TaskMessage.MessageId"/> was consumed
/// by a committed step of the instance is never handed out again (it is deleted when seen).</item>
/// <item>Outbound messages are sent at least once (they may be sent before the commit; ids are
/// deterministic, so duplicates are dropped by the exactly-once rule and by the runtime).</item>
/// <item>Timer messages and delayed starts are never delivered before they are due.</item>
/// <item>Messages for an instance whose ExecutionStarted is not yet committed or visible are held, not lost.</item>
/// <item>Payloads of any size round-trip (large ones may be offloaded to blobs).</item>
/// </list>
/// All methods throw <see cref="OperationCanceledException"/> when cancelled; storage outages surface as
/// the storage exception (the worker backs off and retries).
/// </remarks>
public interface IOrchestrationBackend
{
    /// <summary>Creates the task hub's tables, queues and containers if they do not exist. Idempotent.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the hub exists.</returns>
    Task CreateTaskHubAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the task hub and everything in it. Idempotent.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the hub is gone.</returns>
    Task DeleteTaskHubAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates an instance: writes its row (status Pending, input, created time, scheduled start) and enqueues
    /// <paramref name="message"/> (an <see cref="ExecutionStartedEvent"/>) to its control queue, visible not
    /// before <see cref="ExecutionStartedEvent.ScheduledStartTime"/>. An existing instance in a status
    /// <paramref name="policy"/> allows replacing is replaced (history deleted). Two concurrent creates of
    /// one id never both succeed.
    /// </summary>
    /// <param name="message">The start message; its event is an <see cref="ExecutionStartedEvent"/>.</param>
    /// <param name="policy">What to do when the id is taken.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the instance is durably created.</returns>
    /// <exception cref="OrchestrationAlreadyExistsException">The id is taken and may not be replaced.</exception>
    Task CreateOrchestrationInstanceAsync(TaskMessage message, OrchestrationIdReusePolicy policy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enqueues an event for an existing instance: <see cref="EventRaisedEvent"/>, <see cref="ExecutionTerminatedEvent"/>,
    /// <see cref="ExecutionSuspendedEvent"/> or <see cref="ExecutionResumedEvent"/>. It is applied by the next step.
    /// </summary>
    /// <param name="message">The message (target instance, fresh message id, event).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the message is durably enqueued.</returns>
    /// <exception cref="OrchestrationNotFoundException">No instance has that id.</exception>
    Task AddNewOrchestrationEventAsync(TaskMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks an instance that has visible messages and returns them with its history and ETag, or null
    /// when nothing is ready (the caller backs off). Must return promptly: it does not wait for work.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The work item, or null.</returns>
    Task<OrchestrationWorkItem?> GetOrchestrationWorkItemAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits a step: sends <paramref name="result"/>'s messages, then appends its history and writes its
    /// instance row in one operation guarded by <see cref="OrchestrationWorkItem.ETag"/>, then deletes the
    /// work item's messages and releases the instance lock.
    /// </summary>
    /// <param name="workItem">The work item as returned.</param>
    /// <param name="result">What the step decided.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the step is committed.</returns>
    /// <exception cref="OrchestrationConcurrencyException">The ETag changed or the lock was lost: nothing
    /// was committed (messages may have been sent). The caller abandons the work item.</exception>
    Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationWorkItemResult result, CancellationToken cancellationToken = default);

    /// <summary>Releases the instance lock and makes the work item's messages visible again after
    /// <paramref name="retryAfter"/> (null: at once). Never throws for a lost lock.</summary>
    /// <param name="workItem">The work item as returned.</param>
    /// <param name="retryAfter">Delay before redelivery.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once released.</returns>
    Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan? retryAfter = null, CancellationToken cancellationToken = default);

    /// <summary>Locks and returns the next activity invocation, or null when none is visible. Must return promptly.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The work item, or null.</returns>
    Task<ActivityWorkItem?> GetActivityWorkItemAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends <paramref name="response"/> (a <see cref="TaskCompletedEvent"/> or <see cref="TaskFailedEvent"/>
    /// for the scheduling instance) and then deletes the invocation message. If the lock expired meanwhile the
    /// response is still sent and the failed delete is ignored: activities are at-least-once.
    /// </summary>
    /// <param name="workItem">The work item as returned.</param>
    /// <param name="response">The result message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the response is durably enqueued.</returns>
    Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken = default);

    /// <summary>Makes the invocation visible again after <paramref name="retryAfter"/> (null: at once). Never
    /// throws for a lost lock.</summary>
    /// <param name="workItem">The work item as returned.</param>
    /// <param name="retryAfter">Delay before redelivery.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once released.</returns>
    Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, TimeSpan? retryAfter = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Turns a message some host already dequeued into a work item (an orchestration step for its instance,
    /// which may include other pending messages of that instance, or an activity invocation), locked as the
    /// polling methods lock. Returns null when the message needs no work (a duplicate, or for an instance
    /// that no longer exists); the backend has then disposed of it.
    /// </summary>
    /// <param name="message">The delivered message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>An <see cref="OrchestrationWorkItem"/>, an <see cref="ActivityWorkItem"/>, or null.</returns>
    /// <exception cref="MessageDeferredException">The message must be redelivered later.</exception>
    /// <exception cref="FormatException">The message text is not a task message of this hub.</exception>
    Task<WorkItem?> GetWorkItemFromDeliveredMessageAsync(DeliveredQueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>Reads one instance row, or null when the id is unknown.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="includePayloads">Whether to fill input, output and custom status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metadata, or null.</returns>
    Task<OrchestrationMetadata?> GetOrchestrationMetadataAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default);

    /// <summary>Reads the committed history of the instance's current execution in sequence order (empty when unknown).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The history.</returns>
    Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Returns one page of instances matching <paramref name="query"/>.</summary>
    /// <param name="query">The filter, page size and continuation token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">The continuation token was not issued by this backend.</exception>
    Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes one instance's row, history and payloads, whatever its status. Messages that arrive
    /// for it later are dropped. 0 purged when the id is unknown.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many instances were purged (0 or 1).</returns>
    Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every instance matching <paramref name="filter"/> (row, history, payloads).</summary>
    /// <param name="filter">Created-time range and statuses.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many instances were purged.</returns>
    Task<PurgeResult> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default);
}
