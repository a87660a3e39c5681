using System.Text.Json;
using Azure.Data.Tables;
using ServerlessOps.Durable.AzureStorage.Queues;
using ServerlessOps.Durable.AzureStorage.Tables;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <inheritdoc />
    public async Task<OrchestrationWorkItem?> GetOrchestrationWorkItemAsync(CancellationToken cancellationToken = default)
    {
        _consumesOrchestrations = true;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            if (!_sessions.TryTake(out var instanceId, out var messages))
            {
                if (attempt > 0 || !await PollControlQueuesAsync(cancellationToken) || !_sessions.TryTake(out instanceId, out messages))
                {
                    return null;
                }
            }

            var prepared = await PrepareAsync(instanceId, messages, hostOwnsMessages: false, cancellationToken);
            if (prepared.WorkItem is not null)
            {
                return prepared.WorkItem;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async Task CompleteOrchestrationWorkItemAsync(
        OrchestrationWorkItem workItem, OrchestrationWorkItemResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        var state = (OrchestrationLock)workItem.BackendState!;
        try
        {
            // Outbound first: a crash after this and before the commit re-runs the step, which re-sends the
            // same (deterministic) message ids; a crash the other way round would lose them.
            var localActivities = new List<ReceivedMessage>();
            var localOrchestrations = new List<ReceivedMessage>();
            await SendOutboundAsync(result, localActivities, localOrchestrations, cancellationToken);

            var sentinel = new TableEntity(TableKeys.Escape(state.InstanceId), TableKeys.Sentinel);
            await InstanceColumns.FillAsync(sentinel, WithExecutionId(result, state.Loaded), state.Loaded.Sentinel, _payloads, cancellationToken);
            var consumed = state.Messages.Select(m => m.Message.MessageId).ToList();
            sentinel.ETag = await _history.CommitAsync(state.Loaded, sentinel, result.NewHistory, result.ReplacesHistory, consumed, cancellationToken);
            _cache.Set(Advance(state.Loaded, sentinel, result, consumed));

            foreach (var message in localActivities)
            {
                _activities.Enqueue(message);
            }

            foreach (var message in localOrchestrations)
            {
                _sessions.Add(message);
            }

            if (localActivities.Count > 0)
            {
                RaiseLocalWork(LocalWorkKind.Activities);
            }

            if (localOrchestrations.Count > 0)
            {
                RaiseLocalWork(LocalWorkKind.Orchestrations);
            }

            if (state.Loaded.Sentinel is null || !InstanceColumns.SameState(state.Loaded.Sentinel, sentinel))
            {
                // Before the release, so two steps of one instance never race to write its row.
                await _index.UpsertAsync(InstanceColumns.Copy(sentinel, sentinel.PartitionKey, TableKeys.InstanceRow), cancellationToken);
            }

            // The step is committed: the next one may start while the consumed messages are deleted.
            ReleaseLock(state);
            var after = new List<Task>();
            if (!state.HostOwnsMessages)
            {
                after.AddRange(state.Messages.Select(m => DeleteQuietlyAsync(m, cancellationToken)));
            }

            if ((result.ReplacesHistory || state.Loaded.OldExecutionRows.Count > 0) && state.Loaded.Sentinel is not null)
            {
                var old = state.Loaded.OldExecutionRows.Concat(result.ReplacesHistory ? RowKeysOf(state.Loaded) : []).ToList();
                after.Add(_history.DeleteRowsAsync(sentinel.PartitionKey, old, cancellationToken));
            }

            await Task.WhenAll(after);
            _logger.StepCommitted(state.InstanceId, result.NewHistory.Count, state.Messages.Count);
        }
        catch (OrchestrationConcurrencyException ex)
        {
            _cache.Remove(state.InstanceId);
            _logger.StepConflicted(state.InstanceId, ex.Message);
            throw;
        }
        catch (Exception)
        {
            _cache.Remove(state.InstanceId);
            throw;
        }
        finally
        {
            ReleaseLock(state);
        }
    }

    /// <inheritdoc />
    public async Task AbandonOrchestrationWorkItemAsync(
        OrchestrationWorkItem workItem, TimeSpan? retryAfter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var state = (OrchestrationLock)workItem.BackendState!;
        _cache.Remove(state.InstanceId);
        try
        {
            if (!state.HostOwnsMessages)
            {
                await Task.WhenAll(state.Messages.Select(m => ReleaseQuietlyAsync(m, retryAfter ?? TimeSpan.Zero, cancellationToken)));
            }
        }
        finally
        {
            ReleaseLock(state);
        }
    }

    private void ReleaseLock(OrchestrationLock state)
    {
        if (state.TryMarkReleased())
        {
            _sessions.Release(state.InstanceId);
        }
    }

    /// <summary>The instance row to write, with its execution id filled in when the runtime left it out.</summary>
    private static Client.OrchestrationMetadata WithExecutionId(OrchestrationWorkItemResult result, InstanceHistory loaded) =>
        result.Instance.ExecutionId is not null
            ? result.Instance
            : result.Instance with
            {
                ExecutionId = (result.ReplacesHistory ? null : loaded.ExecutionId)
                    ?? result.NewHistory.OfType<ExecutionStartedEvent>().LastOrDefault()?.OrchestrationInstance.ExecutionId
                    ?? loaded.ExecutionId,
            };

    private static IEnumerable<string> RowKeysOf(InstanceHistory loaded) =>
        Enumerable.Range(0, loaded.Events.Count).Select(i => TableKeys.HistoryRow(loaded.ExecutionId!, i));

    private static InstanceHistory Advance(InstanceHistory loaded, TableEntity sentinel, OrchestrationWorkItemResult result, List<string> consumed)
    {
        var events = result.ReplacesHistory ? result.NewHistory.ToList() : loaded.Events.Concat(result.NewHistory).ToList();
        var ids = result.ReplacesHistory
            ? new HashSet<string>(consumed, StringComparer.Ordinal)
            : new HashSet<string>(loaded.ConsumedMessageIds.Concat(consumed), StringComparer.Ordinal);
        return new InstanceHistory
        {
            InstanceId = loaded.InstanceId,
            Sentinel = sentinel,
            Events = events,
            ConsumedMessageIds = ids,
            Leftovers = [],
            OldExecutionRows = [],
        };
    }

    private async Task SendOutboundAsync(
        OrchestrationWorkItemResult result, List<ReceivedMessage> localActivities, List<ReceivedMessage> localOrchestrations, CancellationToken cancellationToken)
    {
        var sends = new List<Task>();
        var bufferedActivities = _activities.Count;
        foreach (var message in result.ActivityMessages)
        {
            sends.Add(Collect(TrySendLockedAsync(_queues.WorkItems, message, null, _options.WorkItemVisibilityTimeout, bufferedActivities++, _consumesActivities, cancellationToken), localActivities));
        }

        foreach (var message in result.TimerMessages)
        {
            var fireAt = ((TimerFiredEvent)message.Event).FireAt;
            sends.Add(_sender.SendDueAsync(_queues.ControlFor(message), message, fireAt, cancellationToken));
        }

        var bufferedOrchestrations = _sessions.PendingCount;
        foreach (var message in result.OrchestratorMessages)
        {
            sends.Add(message.Event is ExecutionStartedEvent started
                ? StartSubOrchestrationAsync(message, started, cancellationToken)
                : Collect(TrySendLockedAsync(_queues.ControlFor(message), message, null, _options.ControlQueueVisibilityTimeout, bufferedOrchestrations++, _consumesOrchestrations, cancellationToken), localOrchestrations));
        }

        await Task.WhenAll(sends);
    }

    private async Task StartSubOrchestrationAsync(TaskMessage message, ExecutionStartedEvent started, CancellationToken cancellationToken)
    {
        if (await TryCreateInstanceAsync(message, OrchestrationIdReusePolicy.Default, cancellationToken))
        {
            await SendToInstanceAsync(message, started.ScheduledStartTime, cancellationToken);
        }
        else
        {
            _logger.SubOrchestrationStartDropped(message.Instance.InstanceId);
        }
    }

    private static async Task Collect(Task<ReceivedMessage?> send, List<ReceivedMessage> into)
    {
        if (await send is { } received)
        {
            lock (into)
            {
                into.Add(received);
            }
        }
    }

    /// <summary>Receives from every control queue at once; true when anything arrived.</summary>
    private async Task<bool> PollControlQueuesAsync(CancellationToken cancellationToken)
    {
        if (_sessions.PendingCount >= _options.MaxBufferedMessages)
        {
            return false;
        }

        var batches = await Task.WhenAll(_controlPollers.Select(async p => (p.Queue, Messages: await p.PollAsync(cancellationToken))));
        var any = false;
        foreach (var (queue, messages) in batches)
        {
            foreach (var raw in messages)
            {
                if (await DecodeAsync(queue, raw, cancellationToken) is { } received)
                {
                    _sessions.Add(received);
                    any = true;
                }
            }
        }

        return any;
    }

    private async Task<ReceivedMessage?> DecodeAsync(
        Azure.Storage.Queues.QueueClient queue, Azure.Storage.Queues.Models.QueueMessage raw, CancellationToken cancellationToken)
    {
        try
        {
            var envelope = QueueMessageCodec.ReadEnvelope(raw.Body.ToString());
            return new ReceivedMessage
            {
                Queue = queue,
                QueueMessageId = raw.MessageId,
                PopReceipt = raw.PopReceipt,
                Envelope = envelope,
                Message = await _codec.ResolveAsync(envelope, cancellationToken),
                DequeueCount = (int)raw.DequeueCount,
                InsertedOn = raw.InsertedOn ?? _timeProvider.GetUtcNow(),
            };
        }
        catch (JsonException ex)
        {
            _logger.PoisonMessageDeleted(queue.Name, raw.MessageId, ex.Message);
            await queue.DeleteMessageAsync(raw.MessageId, raw.PopReceipt, cancellationToken);
            return null;
        }
    }
}
