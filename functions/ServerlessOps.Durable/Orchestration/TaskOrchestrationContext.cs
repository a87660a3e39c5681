using Microsoft.Extensions.Logging;

namespace ServerlessOps.Durable.Orchestration;

/// <summary>
/// What an orchestrator may do. Every call is recorded in history as an action with a sequence number; on
/// replay the same calls must happen in the same order, or the instance fails with a non-determinism error
/// naming the action in history and the one the code produced. Names mirror durabletask-dotnet.
/// This file holds the abstract core; convenience overloads are in <c>TaskOrchestrationContext.Overloads.cs</c>.
/// </summary>
public abstract partial class TaskOrchestrationContext
{
    /// <summary>The orchestrator name this instance runs.</summary>
    public abstract string Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>True while the code re-executes steps already in history (the results it sees come from
    /// history); false once it runs past them. Side effects (logging) should be skipped while replaying.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The replay-safe current time, UTC: the time the current step started, identical on every
    /// replay. It does not advance while code runs within one step.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>The logger factory behind <see cref="CreateReplaySafeLogger(string)"/>.</summary>
    protected abstract ILoggerFactory LoggerFactory { get; }

    /// <summary>Deserialises the instance's input as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The input type.</typeparam>
    /// <returns>The input, or default when there is none.</returns>
    public abstract T? GetInput<T>();

    /// <summary>
    /// Schedules an activity and returns a task that completes with its result. The activity runs at least
    /// once on some worker; its result is recorded in history, so on replay the task completes from history
    /// without running it again. With <see cref="TaskOptions.Retry"/> set, failures are retried on durable timers.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="name">The registered activity name (case-insensitive).</param>
    /// <param name="input">The input, serialised with the task hub's converter.</param>
    /// <param name="options">Retry options, or null.</param>
    /// <returns>The activity result.</returns>
    /// <exception cref="TaskFailedException">The activity failed (after retries, if any).</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>
    /// Starts a sub-orchestration and returns a task that completes with its output. The child has its own
    /// history; its failure (or termination) surfaces here as a <see cref="TaskFailedException"/>.
    /// </summary>
    /// <typeparam name="TResult">The output type.</typeparam>
    /// <param name="orchestratorName">The registered orchestrator name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Retry options and, with <see cref="SubOrchestrationOptions"/>, the child's instance id.</param>
    /// <returns>The child's output.</returns>
    /// <exception cref="TaskFailedException">The child failed or was terminated.</exception>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>
    /// Creates a durable timer that completes at <paramref name="fireAt"/> (UTC). It survives restarts: the
    /// instance is unloaded while it waits. Cancelling <paramref name="cancellationToken"/> completes the task as
    /// cancelled at once (cancel with <see cref="CancellationTokenSource.Cancel()"/>, not <c>CancelAsync</c>, which
    /// runs callbacks off the replay thread); the timer message that arrives later is ignored. An uncancelled timer does not keep a
    /// completed orchestrator from completing.
    /// </summary>
    /// <param name="fireAt">When it fires, UTC.</param>
    /// <param name="cancellationToken">Cancels the timer.</param>
    /// <returns>A task that completes when the timer fires.</returns>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for an external event named <paramref name="eventName"/> (case-insensitive). Events raised before
    /// the wait are kept and delivered in arrival order; each event satisfies one wait. Cancelling
    /// <paramref name="cancellationToken"/> completes the task as cancelled and leaves later events buffered.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The event payload.</returns>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Sends an event to another instance (fire and forget; delivered at least once, applied once).</summary>
    /// <param name="instanceId">The target instance id.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="payload">The payload.</param>
    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Sets the custom status shown by the status API; written when the current step commits.</summary>
    /// <param name="customStatus">A serialisable value, or null to clear.</param>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Ends this execution when the orchestrator returns and starts a new one of the same instance with
    /// <paramref name="newInput"/> and a fresh history (to bound history size in eternal orchestrations).
    /// With <paramref name="preserveUnprocessedEvents"/>, external events that arrived but were not consumed
    /// are delivered to the new execution; otherwise they are dropped.
    /// </summary>
    /// <param name="newInput">The next execution's input.</param>
    /// <param name="preserveUnprocessedEvents">Carry unconsumed external events over.</param>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>
    /// A GUID that is the same on every replay: a name-based UUID (version 5, SHA-1) over the instance id,
    /// <see cref="CurrentUtcDateTime"/> and a per-execution counter, as durabletask-dotnet computes it.
    /// </summary>
    /// <returns>The GUID.</returns>
    public abstract Guid NewGuid();
}
