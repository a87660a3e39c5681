using Microsoft.Extensions.Logging;

namespace ServerlessOps.Durable.Orchestration;

/// <summary>Convenience overloads over the abstract core (see <c>TaskOrchestrationContext.cs</c>).</summary>
public abstract partial class TaskOrchestrationContext
{
    /// <summary>Calls an activity and ignores its result. See <see cref="CallActivityAsync{TResult}(string, object?, TaskOptions?)"/>.</summary>
    /// <param name="name">The activity name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Retry options.</param>
    /// <returns>A task that completes when the activity has.</returns>
    public virtual Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Calls an activity without input, with options.</summary>
    /// <param name="name">The activity name.</param>
    /// <param name="options">Retry options.</param>
    /// <returns>A task that completes when the activity has.</returns>
    public virtual Task CallActivityAsync(string name, TaskOptions options) =>
        CallActivityAsync<object?>(name, null, options);

    /// <summary>Calls an activity without input, with options, returning its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="name">The activity name.</param>
    /// <param name="options">Retry options.</param>
    /// <returns>The result.</returns>
    public virtual Task<TResult> CallActivityAsync<TResult>(string name, TaskOptions options) =>
        CallActivityAsync<TResult>(name, null, options);

    /// <summary>Calls a sub-orchestrator and ignores its output.</summary>
    /// <param name="orchestratorName">The orchestrator name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Retry and instance id options.</param>
    /// <returns>A task that completes when the child has.</returns>
    public virtual Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>Calls a sub-orchestrator without input, with options.</summary>
    /// <typeparam name="TResult">The output type.</typeparam>
    /// <param name="orchestratorName">The orchestrator name.</param>
    /// <param name="options">Retry and instance id options.</param>
    /// <returns>The child's output.</returns>
    public virtual Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, TaskOptions options) =>
        CallSubOrchestratorAsync<TResult>(orchestratorName, null, options);

    /// <summary>Creates a durable timer that fires after <paramref name="delay"/> from <see cref="CurrentUtcDateTime"/>.</summary>
    /// <param name="delay">The delay.</param>
    /// <param name="cancellationToken">Cancels the timer.</param>
    /// <returns>A task that completes when the timer fires.</returns>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// Waits for an event for at most <paramref name="timeout"/>, measured with a durable timer that is
    /// cancelled when the event arrives.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="TimeoutException">No event arrived in time.</exception>
    public virtual Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout) =>
        WaitForExternalEvent<T>(eventName, timeout, CancellationToken.None);

    /// <summary>As <see cref="WaitForExternalEvent{T}(string, TimeSpan)"/>, also cancellable.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait and its timer.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="TimeoutException">No event arrived in time.</exception>
    public virtual async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var eventTask = WaitForExternalEvent<T>(eventName, cts.Token);
        var timerTask = CreateTimer(timeout, cts.Token);
        var winner = await Task.WhenAny(eventTask, timerTask);
#pragma warning disable CA1849 // CancelAsync runs the callbacks on another thread; orchestrator code must stay on the replay thread.
        cts.Cancel();
#pragma warning restore CA1849
        if (winner == eventTask)
        {
            return await eventTask;
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"Event '{eventName}' was not received within {timeout} (instance '{InstanceId}').");
    }

    /// <summary>A logger that writes only when <see cref="IsReplaying"/> is false, so each message is logged once.</summary>
    /// <param name="categoryName">The logger category.</param>
    /// <returns>The logger.</returns>
    public virtual ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, LoggerFactory.CreateLogger(categoryName));

    /// <summary>A replay-safe logger with the type's name as category.</summary>
    /// <param name="type">The category type.</param>
    /// <returns>The logger.</returns>
    public virtual ILogger CreateReplaySafeLogger(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return CreateReplaySafeLogger(type.FullName ?? type.Name);
    }

    /// <summary>A replay-safe logger with <typeparamref name="T"/>'s name as category.</summary>
    /// <typeparam name="T">The category type.</typeparam>
    /// <returns>The logger.</returns>
    public virtual ILogger<T> CreateReplaySafeLogger<T>() => new ReplaySafeLogger<T>(CreateReplaySafeLogger(typeof(T)));
}
