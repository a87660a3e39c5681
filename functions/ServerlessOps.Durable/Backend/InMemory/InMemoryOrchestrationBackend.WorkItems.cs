using System.Text.Json;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Backend.InMemory;

/// <summary>Orchestration and activity work items: lock, complete, abandon, delivered messages.</summary>
public sealed partial class InMemoryOrchestrationBackend
{
    /// <inheritdoc/>
    public Task<OrchestrationWorkItem?> GetOrchestrationWorkItemAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // Least recently locked first, so an abandoned instance does not starve the others.
            foreach (var (id, state) in _instances.OrderBy(pair => pair.Value.LastLocked))
            {
                if (TryLock(id, state) is { } workItem)
                {
                    return Task.FromResult<OrchestrationWorkItem?>(workItem);
                }
            }
        }

        return Task.FromResult<OrchestrationWorkItem?>(null);
    }

    /// <inheritdoc/>
    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationWorkItemResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        var token = (Guid)workItem.BackendState!;
        lock (_gate)
        {
            if (!_instances.TryGetValue(workItem.InstanceId, out var state) || state.LockToken != token
                || state.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) != (workItem.ETag ?? "0"))
            {
                throw new OrchestrationConcurrencyException(
                    $"Instance '{workItem.InstanceId}' changed since the work item was read (ETag '{workItem.ETag}') or its lock was lost; nothing was committed.");
            }

            if (result.ReplacesHistory)
            {
                state.History.Clear();
            }

            state.History.AddRange(result.NewHistory);
            state.Metadata = result.Instance;
            state.Version++;
            state.LockToken = null;
            foreach (var consumed in workItem.NewMessages)
            {
                state.ConsumedMessageIds.Add(consumed.MessageId);
            }

            state.Inbox.RemoveAll(m => m.LockToken == token);
            var now = Now;
            result.ActivityMessages.ToList().ForEach(m => _activityQueue.Add(new QueuedMessage(m, now)));
            foreach (var timer in result.TimerMessages)
            {
                var fireAt = ((TimerFiredEvent)timer.Event).FireAt;
                state.Inbox.Add(new QueuedMessage(timer, new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc))));
            }

            result.OrchestratorMessages.ToList().ForEach(m => Route(m, now));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan? retryAfter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var token = (Guid)workItem.BackendState!;
        lock (_gate)
        {
            if (_instances.TryGetValue(workItem.InstanceId, out var state) && state.LockToken == token)
            {
                state.LockToken = null;
                foreach (var message in state.Inbox.Where(m => m.LockToken == token))
                {
                    message.LockToken = null;
                    message.VisibleAt = Now + (retryAfter ?? TimeSpan.Zero);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<ActivityWorkItem?> GetActivityWorkItemAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = Now;
            var next = _activityQueue.FirstOrDefault(m => m.LockToken is null && m.VisibleAt <= now);
            return Task.FromResult(next is null ? null : LockActivity(next));
        }
    }

    /// <inheritdoc/>
    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(response);
        lock (_gate)
        {
            Route(response, Now);
            _activityQueue.RemoveAll(m => m.LockToken == (Guid)workItem.BackendState!);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, TimeSpan? retryAfter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            foreach (var message in _activityQueue.Where(m => m.LockToken == (Guid)workItem.BackendState!))
            {
                message.LockToken = null;
                message.VisibleAt = Now + (retryAfter ?? TimeSpan.Zero);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<WorkItem?> GetWorkItemFromDeliveredMessageAsync(DeliveredQueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        TaskMessage parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<TaskMessage>(message.MessageText, HistoryJson.Options)
                ?? throw new FormatException("The delivered message text is 'null'.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Delivered message '{message.MessageId}' from '{message.QueueName}' is not a task message: {ex.Message}", ex);
        }

        lock (_gate)
        {
            if (parsed.Event is TaskScheduledEvent)
            {
                var queued = _activityQueue.FirstOrDefault(m => m.Message.MessageId == parsed.MessageId && m.LockToken is null);
                return Task.FromResult<WorkItem?>(queued is null ? null : LockActivity(queued));
            }

            if (!_instances.TryGetValue(parsed.Instance.InstanceId, out var state))
            {
                return Task.FromResult<WorkItem?>(null);
            }

            if (state.LockToken is not null)
            {
                throw new MessageDeferredException($"Instance '{parsed.Instance.InstanceId}' is being processed by another step.") { RetryAfter = TimeSpan.FromSeconds(1) };
            }

            return Task.FromResult<WorkItem?>(TryLock(parsed.Instance.InstanceId, state));
        }
    }

    /// <summary>
    /// Simulates a queue trigger for tests: the text of the oldest visible, unlocked message of any queue
    /// (control or work item), as a host would deliver it, or null. The message stays queued.
    /// </summary>
    /// <returns>The delivered message, or null.</returns>
    public DeliveredQueueMessage? PeekDeliverableMessage()
    {
        lock (_gate)
        {
            var now = Now;
            var candidate = _activityQueue.Where(m => m.LockToken is null && m.VisibleAt <= now).Select(m => (Queue: "workitems", m.Message))
                .Concat(_instances.Values.Where(s => s.LockToken is null)
                    .SelectMany(s => s.Inbox.Where(m => m.VisibleAt <= now).Select(m => (Queue: "control", m.Message))))
                .Select(x => ((string Queue, TaskMessage Message)?)x)
                .FirstOrDefault();
            return candidate is not { } found ? null : new DeliveredQueueMessage
            {
                QueueName = found.Queue,
                MessageId = found.Message.MessageId,
                MessageText = JsonSerializer.Serialize(found.Message, HistoryJson.Options),
            };
        }
    }

    private OrchestrationWorkItem? TryLock(string instanceId, InstanceState state)
    {
        if (state.LockToken is not null)
        {
            return null;
        }

        var now = Now;
        state.Inbox.RemoveAll(m => m.LockToken is null && state.ConsumedMessageIds.Contains(m.Message.MessageId));
        var visible = state.Inbox.Where(m => m.LockToken is null && m.VisibleAt <= now).ToList();
        var startVisible = state.History.Count > 0 || visible.Any(m => m.Message.Event is ExecutionStartedEvent);
        if (visible.Count == 0 || !startVisible)
        {
            return null;
        }

        var token = Guid.NewGuid();
        state.LockToken = token;
        state.LastLocked = ++_lockSequence;
        visible.ForEach(m =>
        {
            m.LockToken = token;
            m.DequeueCount++;
        });
        return new OrchestrationWorkItem
        {
            InstanceId = instanceId,
            NewMessages = visible.Select(m => m.Message).ToList(),
            History = state.History.ToList(),
            Instance = state.Metadata,
            ETag = state.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            BackendState = token,
            DequeueCount = visible.Max(m => m.DequeueCount),
        };
    }

    private static ActivityWorkItem LockActivity(QueuedMessage queued)
    {
        var token = Guid.NewGuid();
        queued.LockToken = token;
        queued.DequeueCount++;
        return new ActivityWorkItem { Message = queued.Message, BackendState = token, DequeueCount = queued.DequeueCount };
    }

    /// <summary>Delivers a message to its instance's inbox; a start creates the instance; unknown targets drop it.</summary>
    private void Route(TaskMessage message, DateTimeOffset now)
    {
        if (message.Event is ExecutionStartedEvent started)
        {
            TryCreate(message, started, OrchestrationIdReusePolicy.Default);
            return;
        }

        if (_instances.TryGetValue(message.Instance.InstanceId, out var target))
        {
            target.Inbox.Add(new QueuedMessage(message, now));
        }
    }
}
