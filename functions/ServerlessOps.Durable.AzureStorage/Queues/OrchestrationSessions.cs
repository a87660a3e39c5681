namespace ServerlessOps.Durable.AzureStorage.Queues;

/// <summary>
/// In-process bookkeeping of received control-queue messages by instance: at most one work item per instance
/// at a time in this process, and the messages that arrive meanwhile wait here (still hidden in the queue) to
/// be handed out together with the next step, which is what batches a fan-in.
/// </summary>
internal sealed class OrchestrationSessions
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<ReceivedMessage>> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _locked = new(StringComparer.Ordinal);
    private readonly Queue<string> _ready = new();
    private int _pendingCount;

    /// <summary>Messages held and not yet handed out.</summary>
    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pendingCount;
            }
        }
    }

    public void Add(ReceivedMessage message)
    {
        lock (_lock)
        {
            var instanceId = message.Message.Instance.InstanceId;
            if (!_pending.TryGetValue(instanceId, out var list))
            {
                list = [];
                _pending[instanceId] = list;
                if (!_locked.Contains(instanceId))
                {
                    _ready.Enqueue(instanceId);
                }
            }

            // A message seen again (its visibility ran out while it waited here) replaces the older copy:
            // only the newest pop receipt can delete it.
            var index = list.FindIndex(m => m.QueueMessageId == message.QueueMessageId);
            if (index >= 0)
            {
                list[index] = message;
            }
            else
            {
                list.Add(message);
                _pendingCount++;
            }
        }
    }

    /// <summary>Locks the next instance that has messages and is not locked, and takes its messages.</summary>
    public bool TryTake(out string instanceId, out List<ReceivedMessage> messages)
    {
        lock (_lock)
        {
            while (_ready.TryDequeue(out var candidate))
            {
                if (_locked.Contains(candidate) || !_pending.Remove(candidate, out var list))
                {
                    continue;
                }

                _locked.Add(candidate);
                _pendingCount -= list.Count;
                instanceId = candidate;
                messages = list;
                return true;
            }
        }

        instanceId = string.Empty;
        messages = [];
        return false;
    }

    /// <summary>Locks one instance for a delivered message (queue trigger); false when it is locked already.</summary>
    public bool TryLock(string instanceId)
    {
        lock (_lock)
        {
            return _locked.Add(instanceId);
        }
    }

    /// <summary>Ends the step of an instance; messages that arrived meanwhile make it ready again.</summary>
    public void Release(string instanceId)
    {
        lock (_lock)
        {
            _locked.Remove(instanceId);
            if (_pending.ContainsKey(instanceId))
            {
                _ready.Enqueue(instanceId);
            }
        }
    }
}
