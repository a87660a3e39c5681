using System.Globalization;
using Microsoft.Extensions.Logging;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.Execution;

/// <summary>
/// The context an orchestrator sees during one step: it records actions, holds the tasks waiting on
/// history, and lets <see cref="OrchestrationExecutor"/> complete them as events are replayed or arrive.
/// Single-threaded by construction (only the <see cref="OrchestrationScheduler"/> thread touches it).
/// </summary>
internal sealed partial class ReplayOrchestrationContext : TaskOrchestrationContext
{
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly SortedDictionary<int, OrchestratorAction> _pendingActions = [];
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private int _nextActionId;
    private int _guidCounter;

    public ReplayOrchestrationContext(string name, string instanceId, string? serializedInput, DataConverter converter, ILoggerFactory loggerFactory)
    {
        Name = name;
        InstanceId = instanceId;
        SerializedInput = serializedInput;
        _converter = converter;
        _loggerFactory = loggerFactory;
    }

    /// <summary>Kind of durable task waiting for a result.</summary>
    internal enum OpenTaskKind
    {
        Activity,
        SubOrchestration,
        Timer,
    }

    public override string Name { get; }

    public override string InstanceId { get; }

    public override bool IsReplaying => IsReplayingInternal;

    public override DateTime CurrentUtcDateTime => CurrentUtc;

    internal bool IsReplayingInternal { get; set; }

    internal DateTime CurrentUtc { get; set; }

    internal string? SerializedInput { get; }

    internal string? SerializedCustomStatus { get; private set; }

    internal (string? Input, bool PreserveEvents)? ContinueAsNewRequest { get; private set; }

    /// <summary>Actions asked for and not yet matched against history, in sequence order.</summary>
    internal SortedDictionary<int, OrchestratorAction> PendingActions => _pendingActions;

    protected override ILoggerFactory LoggerFactory => _loggerFactory;

    public override T? GetInput<T>()
        where T : default => _converter.Deserialize<T>(SerializedInput);

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = _converter.Serialize(input);
        return options?.Retry?.Policy is { } policy
            ? RetryAsync(policy, () => CallActivityOnceAsync<TResult>(name, serialized))
            : CallActivityOnceAsync<TResult>(name, serialized);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var serialized = _converter.Serialize(input);
        var instanceId = (options as SubOrchestrationOptions)?.InstanceId;
        return options?.Retry?.Policy is { } policy
            ? RetryAsync(policy, () => CallSubOrchestratorOnceAsync<TResult>(orchestratorName, instanceId, serialized))
            : CallSubOrchestratorOnceAsync<TResult>(orchestratorName, instanceId, serialized);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var id = _nextActionId++;
        var fireAtUtc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        _pendingActions.Add(id, new CreateTimerAction(id, fireAtUtc));
        var open = new OpenTask(OpenTaskKind.Timer, "timer");
        _openTasks.Add(id, open);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (open.Completion.TrySetCanceled(cancellationToken))
                {
                    _openTasks.Remove(id);
                }
            });
        }

        return open.Completion.Task;
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var id = _nextActionId++;
        _pendingActions.Add(id, new SendEventAction(id, instanceId, eventName, _converter.Serialize(payload)));
    }

    public override void SetCustomStatus(object? customStatus) => SerializedCustomStatus = _converter.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinueAsNewRequest = (_converter.Serialize(newInput), preserveUnprocessedEvents);

    public override Guid NewGuid()
    {
        var name = string.Concat(
            InstanceId,
            "_",
            CurrentUtc.ToString("o", CultureInfo.InvariantCulture),
            "_",
            _guidCounter.ToString(CultureInfo.InvariantCulture));
        _guidCounter++;
        return DeterministicGuid.Create(DeterministicGuid.OrchestrationNamespace, name);
    }

    /// <summary>Sets the carried-over custom status without an orchestrator call (new step).</summary>
    internal void RestoreCustomStatus(string? serialized) => SerializedCustomStatus = serialized;

    /// <summary>Completes the open task <paramref name="id"/> of <paramref name="kind"/>; false when there is
    /// none (a duplicate, a cancelled timer, or a stray message from a lost race), so the event is not recorded.</summary>
    internal bool TryComplete(int id, OpenTaskKind kind, string? result)
    {
        if (!_openTasks.TryGetValue(id, out var open) || open.Kind != kind)
        {
            return false;
        }

        _openTasks.Remove(id);
        return open.Completion.TrySetResult(result);
    }

    /// <summary>Fails the open task <paramref name="id"/>; false when there is none.</summary>
    internal bool TryFail(int id, OpenTaskKind kind, TaskFailureDetails details)
    {
        if (!_openTasks.TryGetValue(id, out var open) || open.Kind != kind)
        {
            return false;
        }

        _openTasks.Remove(id);
        return open.Completion.TrySetException(new TaskFailedException(open.Name, id, details));
    }

    private async Task<TResult> CallActivityOnceAsync<TResult>(string name, string? serializedInput)
    {
        var id = _nextActionId++;
        _pendingActions.Add(id, new ScheduleTaskAction(id, name, serializedInput));
        var open = new OpenTask(OpenTaskKind.Activity, name);
        _openTasks.Add(id, open);
        var result = await open.Completion.Task;
        return _converter.Deserialize<TResult>(result)!;
    }

    private async Task<TResult> CallSubOrchestratorOnceAsync<TResult>(string name, string? instanceId, string? serializedInput)
    {
        var childId = instanceId ?? NewGuid().ToString("N");
        var id = _nextActionId++;
        _pendingActions.Add(id, new CreateSubOrchestrationAction(id, name, childId, serializedInput));
        var open = new OpenTask(OpenTaskKind.SubOrchestration, name);
        _openTasks.Add(id, open);
        var result = await open.Completion.Task;
        return _converter.Deserialize<TResult>(result)!;
    }

    private async Task<T> RetryAsync<T>(RetryPolicy policy, Func<Task<T>> attempt)
    {
        var firstAttemptAt = CurrentUtc;
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failure) when (ShouldRetry(policy, attemptNumber, failure, firstAttemptAt))
            {
                await CreateTimer(policy.GetDelay(attemptNumber), CancellationToken.None);
            }
        }
    }

    private bool ShouldRetry(RetryPolicy policy, int attemptNumber, TaskFailedException failure, DateTime firstAttemptAt) =>
        attemptNumber < policy.MaxNumberOfAttempts
        && policy.HandleFailure(failure.FailureDetails)
        && (policy.RetryTimeout is not { } timeout || CurrentUtc + policy.GetDelay(attemptNumber) <= firstAttemptAt + timeout);

    /// <summary>A durable task waiting for its history event.</summary>
    private sealed class OpenTask(OpenTaskKind kind, string name)
    {
        public OpenTaskKind Kind { get; } = kind;

        public string Name { get; } = name;

        public TaskCompletionSource<string?> Completion { get; } = new();
    }
}
