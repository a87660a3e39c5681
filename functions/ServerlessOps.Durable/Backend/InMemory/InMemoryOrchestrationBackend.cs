using System.Globalization;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Backend.InMemory;

/// <summary>
/// A complete <see cref="IOrchestrationBackend"/> in process memory, for unit tests and local runs: one
/// lock guards all state, so every commit is trivially atomic. Times (timers, delayed starts, visibility
/// delays) follow the given <see cref="TimeProvider"/>, so tests can drive them with a fake clock.
/// State is lost when the process ends; several workers in one process may share one instance.
/// </summary>
public sealed partial class InMemoryOrchestrationBackend : IOrchestrationBackend, IBacklogReporter
{
    private readonly object _gate = new();
    private readonly Dictionary<string, InstanceState> _instances = new(StringComparer.Ordinal);
    private readonly List<QueuedMessage> _activityQueue = [];
    private readonly TimeProvider _time;
    private long _lockSequence;

    /// <summary>Creates an empty backend on <paramref name="timeProvider"/> (default: the system clock).</summary>
    /// <param name="timeProvider">The clock for due times and visibility.</param>
    public InMemoryOrchestrationBackend(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public Task CreateTaskHubAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task DeleteTaskHubAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _instances.Clear();
            _activityQueue.Clear();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task CreateOrchestrationInstanceAsync(TaskMessage message, OrchestrationIdReusePolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(policy);
        var started = message.Event as ExecutionStartedEvent
            ?? throw new ArgumentException("The start message must carry an ExecutionStartedEvent.", nameof(message));
        lock (_gate)
        {
            if (!TryCreate(message, started, policy))
            {
                var existing = _instances[message.Instance.InstanceId].Metadata!;
                throw new OrchestrationAlreadyExistsException(
                    $"Instance '{existing.InstanceId}' already exists with status {existing.RuntimeStatus}; the reuse policy allows replacing only {string.Join(", ", policy.ReplaceableStatuses)}.")
                {
                    InstanceId = existing.InstanceId,
                };
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task AddNewOrchestrationEventAsync(TaskMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (!_instances.TryGetValue(message.Instance.InstanceId, out var state))
            {
                throw new OrchestrationNotFoundException($"No instance '{message.Instance.InstanceId}' exists in the task hub.")
                {
                    InstanceId = message.Instance.InstanceId,
                };
            }

            state.Inbox.Add(new QueuedMessage(message, Now));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<OrchestrationMetadata?> GetOrchestrationMetadataAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var metadata = _instances.TryGetValue(instanceId, out var state) ? state.Metadata : null;
            return Task.FromResult(metadata is null || includePayloads ? metadata : WithoutPayloads(metadata));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> history = _instances.TryGetValue(instanceId, out var state) ? state.History.ToList() : [];
            return Task.FromResult(history);
        }
    }

    /// <inheritdoc/>
    public Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var skip = 0;
        if (query.ContinuationToken is { } token && !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out skip))
        {
            throw new ArgumentException($"Continuation token '{token}' was not issued by this backend.", nameof(query));
        }

        lock (_gate)
        {
            var matching = _instances.Values
                .Select(s => s.Metadata)
                .OfType<OrchestrationMetadata>()
                .Where(m => Matches(m, query))
                .OrderBy(m => m.CreatedAt)
                .ThenBy(m => m.InstanceId, StringComparer.Ordinal)
                .ToList();
            var page = matching.Skip(skip).Take(query.PageSize)
                .Select(m => query.FetchInputsAndOutputs ? m : WithoutPayloads(m))
                .ToList();
            var next = skip + page.Count < matching.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new OrchestrationQueryResult(page, next));
        }
    }

    /// <inheritdoc/>
    public Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(new PurgeResult(_instances.Remove(instanceId) ? 1 : 0));
        }
    }

    /// <inheritdoc/>
    public Task<PurgeResult> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            var doomed = _instances.Values
                .Where(s => s.Metadata is { } m
                    && (filter.CreatedFrom is null || m.CreatedAt >= filter.CreatedFrom)
                    && (filter.CreatedTo is null || m.CreatedAt < filter.CreatedTo)
                    && filter.EffectiveStatuses.Contains(m.RuntimeStatus))
                .Select(s => s.Metadata!.InstanceId)
                .ToList();
            doomed.ForEach(id => _instances.Remove(id));
            return Task.FromResult(new PurgeResult(doomed.Count));
        }
    }

    /// <inheritdoc/>
    public Task<BacklogSnapshot> GetBacklogAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(new BacklogSnapshot(_instances.Values.Sum(s => (long)s.Inbox.Count), _activityQueue.Count));
        }
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private static bool Matches(OrchestrationMetadata m, OrchestrationQuery q) =>
        (q.CreatedFrom is null || m.CreatedAt >= q.CreatedFrom)
        && (q.CreatedTo is null || m.CreatedAt < q.CreatedTo)
        && (q.Statuses is not { Count: > 0 } || q.Statuses.Contains(m.RuntimeStatus))
        && (q.Name is null || string.Equals(m.Name, q.Name, StringComparison.OrdinalIgnoreCase))
        && (q.InstanceIdPrefix is null || m.InstanceId.StartsWith(q.InstanceIdPrefix, StringComparison.Ordinal));

    private static OrchestrationMetadata WithoutPayloads(OrchestrationMetadata m) =>
        m with { SerializedInput = null, SerializedOutput = null, SerializedCustomStatus = null };

    /// <summary>Creates or replaces the instance for a start message; false when the policy forbids it.</summary>
    private bool TryCreate(TaskMessage message, ExecutionStartedEvent started, OrchestrationIdReusePolicy policy)
    {
        var id = message.Instance.InstanceId;
        if (_instances.TryGetValue(id, out var existing) && existing.Metadata is { } current && !policy.CanReplace(current.RuntimeStatus))
        {
            return false;
        }

        var now = Now;
        var state = new InstanceState
        {
            Metadata = new OrchestrationMetadata
            {
                InstanceId = id,
                Name = started.Name,
                ExecutionId = started.OrchestrationInstance.ExecutionId,
                RuntimeStatus = OrchestrationRuntimeStatus.Pending,
                CreatedAt = now,
                LastUpdatedAt = now,
                ScheduledStartAt = started.ScheduledStartTime is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
                ParentInstanceId = started.ParentInstance?.Instance.InstanceId,
                SerializedInput = started.Input,
            },
        };
        var visibleAt = started.ScheduledStartTime is { } start && start > now.UtcDateTime ? new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)) : now;
        state.Inbox.Add(new QueuedMessage(message, visibleAt));
        _instances[id] = state;
        return true;
    }

    /// <summary>One instance: its row, history, inbox (control-queue messages) and lock.</summary>
    private sealed class InstanceState
    {
        public OrchestrationMetadata? Metadata { get; set; }

        public List<HistoryEvent> History { get; } = [];

        public List<QueuedMessage> Inbox { get; } = [];

        public HashSet<string> ConsumedMessageIds { get; } = new(StringComparer.Ordinal);

        public long Version { get; set; }

        public Guid? LockToken { get; set; }

        public long LastLocked { get; set; }
    }

    /// <summary>A message waiting in a queue.</summary>
    private sealed class QueuedMessage(TaskMessage message, DateTimeOffset visibleAt)
    {
        public TaskMessage Message { get; } = message;

        public DateTimeOffset VisibleAt { get; set; } = visibleAt;

        public int DequeueCount { get; set; }

        public Guid? LockToken { get; set; }
    }
}
