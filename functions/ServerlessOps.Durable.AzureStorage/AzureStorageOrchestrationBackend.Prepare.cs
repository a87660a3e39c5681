using ServerlessOps.Durable.AzureStorage.Queues;
using ServerlessOps.Durable.AzureStorage.Tables;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <summary>Deliveries after which a message still out of order is handed to the runtime anyway (it drops what it cannot use).</summary>
    private const int MaxOutOfOrderHolds = 30;

    /// <summary>
    /// Turns the messages of a locked instance into a work item: drops what a committed step already consumed,
    /// what belongs to another execution or to a purged instance, re-arms timers not yet due, and holds
    /// messages that arrived ahead of the step they answer (Azure/durabletask's <c>IsOutOfOrderMessage</c>).
    /// Releases the lock when nothing is left.
    /// </summary>
    private async Task<(OrchestrationWorkItem? WorkItem, TimeSpan? Deferred)> PrepareAsync(
        string instanceId, List<ReceivedMessage> messages, bool hostOwnsMessages, CancellationToken cancellationToken)
    {
        try
        {
            var loaded = _cache.TryGet(instanceId);
            if (loaded is null)
            {
                loaded = await _history.LoadAsync(instanceId, cancellationToken);
                if (loaded.Sentinel is not null)
                {
                    _cache.Set(loaded);
                }
            }

            var keep = new List<ReceivedMessage>();
            var drop = new List<ReceivedMessage>();
            var hold = new List<ReceivedMessage>();
            var early = new List<(ReceivedMessage Message, TimeSpan Delay)>();
            var now = _timeProvider.GetUtcNow().UtcDateTime;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var message in messages.OrderBy(m => m.InsertedOn))
            {
                var target = message.Message.Instance.ExecutionId;
                if (!seen.Add(message.Message.MessageId) || loaded.ConsumedMessageIds.Contains(message.Message.MessageId))
                {
                    _logger.DuplicateMessageDropped(instanceId, message.Message.MessageId);
                    drop.Add(message);
                }
                else if (message.Envelope.DeliverAt is { } deliverAt && deliverAt > now)
                {
                    await _sender.SendDueAsync(message.Queue, message.Message, deliverAt, cancellationToken);
                    _logger.TimerRearmed(instanceId, message.Message.MessageId, deliverAt);
                    drop.Add(message);
                }
                else if (message.Message.Event is TimerFiredEvent timer && timer.FireAt > now)
                {
                    // Delivered early (clock skew between writer and queue): hide it until due.
                    early.Add((message, MessageSender.WholeSecondsUp(timer.FireAt - now)));
                }
                else if (loaded.Sentinel is null || (target is not null && target != loaded.ExecutionId))
                {
                    _logger.StaleMessageDropped(instanceId, message.Message.MessageId, target ?? "(current)");
                    drop.Add(message);
                }
                else if (IsOutOfOrder(message, loaded) && message.DequeueCount < MaxOutOfOrderHolds)
                {
                    hold.Add(message);
                }
                else
                {
                    keep.Add(message);
                }
            }

            if (loaded.Events.Count == 0 && !keep.Any(m => m.Message.Event is ExecutionStartedEvent))
            {
                // Nothing can run before the instance has started: wait for the start message.
                hold.AddRange(keep);
                keep.Clear();
            }

            if (!hostOwnsMessages)
            {
                await Task.WhenAll(drop.Select(m => DeleteQuietlyAsync(m, cancellationToken))
                    .Concat(hold.Select(m => ReleaseQuietlyAsync(m, _options.OutOfOrderRetryDelay, cancellationToken)))
                    .Concat(early.Select(e => ReleaseQuietlyAsync(e.Message, e.Delay, cancellationToken))));
            }

            if (hold.Count > 0)
            {
                _logger.MessagesHeld(instanceId, hold.Count);
            }

            if (keep.Count == 0)
            {
                _sessions.Release(instanceId);
                return (null, hold.Count > 0 || early.Count > 0 ? _options.OutOfOrderRetryDelay : null);
            }

            return (new OrchestrationWorkItem
            {
                InstanceId = instanceId,
                NewMessages = keep.Select(m => m.Message).ToList(),
                History = loaded.Events,
                Instance = await InstanceColumns.ReadAsync(loaded.Sentinel!, includePayloads: true, _payloads, cancellationToken),
                ETag = loaded.ETag?.ToString(),
                DequeueCount = keep.Max(m => m.DequeueCount),
                BackendState = new OrchestrationLock { InstanceId = instanceId, Messages = keep, Loaded = loaded, HostOwnsMessages = hostOwnsMessages },
            }, null);
        }
        catch
        {
            // Storage failed while reading: keep the messages (still hidden) for the next attempt.
            foreach (var message in messages)
            {
                _sessions.Add(message);
            }

            _sessions.Release(instanceId);
            throw;
        }
    }

    /// <summary>A response whose request is not in the committed history yet: the step that sent the request
    /// sends before it commits, so another worker may see the response first.</summary>
    private static bool IsOutOfOrder(ReceivedMessage message, InstanceHistory loaded)
    {
        var requestId = message.Message.Event switch
        {
            TaskCompletedEvent e => e.TaskScheduledId,
            TaskFailedEvent e => e.TaskScheduledId,
            SubOrchestrationInstanceCompletedEvent e => e.TaskScheduledId,
            SubOrchestrationInstanceFailedEvent e => e.TaskScheduledId,
            TimerFiredEvent e => e.TimerId,
            _ => -1,
        };
        return requestId >= 0 && !loaded.Events.Any(e => e.EventId == requestId && e is TaskScheduledEvent or SubOrchestrationInstanceCreatedEvent or TimerCreatedEvent);
    }
}
