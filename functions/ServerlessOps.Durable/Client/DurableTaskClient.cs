using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Client;

/// <summary>
/// Starts and manages orchestration instances of one task hub (durabletask-dotnet's <c>DurableTaskClient</c>):
/// abstract core methods here, convenience overloads in <c>DurableTaskClient.Overloads.cs</c>. Every method is
/// safe to call from many threads and processes; operations on unknown ids throw
/// <see cref="Backend.OrchestrationNotFoundException"/> unless stated otherwise.
/// </summary>
public abstract partial class DurableTaskClient
{
    /// <summary>The task hub name.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Schedules a new instance of <paramref name="orchestratorName"/>. When this returns the instance is
    /// durably created (status Pending) and a worker will run it (not before <see cref="StartOrchestrationOptions.StartAt"/>).
    /// </summary>
    /// <param name="orchestratorName">The registered orchestrator name.</param>
    /// <param name="input">The input, serialised with the task hub's converter.</param>
    /// <param name="options">Instance id, delayed start, and what to do when the id is already running.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance id (the existing one under <see cref="AlreadyRunningBehavior.ReturnExisting"/>).</returns>
    /// <exception cref="Backend.OrchestrationAlreadyExistsException">The id is running and the option says throw.</exception>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Sends an external event to an instance; it is kept until the orchestrator waits for it.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="eventName">The event name (case-insensitive on the receiving side).</param>
    /// <param name="eventPayload">The payload.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the event is durably enqueued.</returns>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default);

    /// <summary>Reads an instance's status, or null when the id is unknown.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Whether to read input, output and custom status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metadata, or null.</returns>
    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Polls (with back-off, 10 ms doubling to 1 s) until the instance has left Pending.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Whether to read payloads.</param>
    /// <param name="cancellationToken">The deadline: cancel it to stop waiting.</param>
    /// <returns>The metadata once it is not Pending.</returns>
    public abstract Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Polls (with back-off, 10 ms doubling to 1 s) until the instance is Completed, Failed, Canceled or Terminated.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Whether to read payloads.</param>
    /// <param name="cancellationToken">The deadline: cancel it to stop waiting.</param>
    /// <returns>The final metadata.</returns>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Terminates a running instance at its next step (status Terminated, output <paramref name="output"/>);
    /// a finished instance is left as it is. Sub-orchestrations are not terminated.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="output">The reason, stored as output.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the request is enqueued.</returns>
    public abstract Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default);

    /// <summary>Suspends an instance: it keeps receiving events but runs no code until resumed.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">Why, for the history.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the request is enqueued.</returns>
    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Resumes a suspended instance; events that arrived meanwhile are processed in order.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">Why, for the history.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the request is enqueued.</returns>
    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes an instance's state and history; 0 purged when unknown (no exception).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were purged.</returns>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every instance matching <paramref name="filter"/> (default statuses: terminal ones).</summary>
    /// <param name="filter">Created-time range and statuses.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were purged.</returns>
    public abstract Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of instances.</summary>
    /// <param name="query">Filters, page size, continuation token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the token for the next one.</returns>
    public abstract Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads the current execution's history (for diagnostics: the HTTP status API's <c>showHistory</c>).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The history; empty when unknown.</returns>
    public abstract Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellationToken = default);
}
