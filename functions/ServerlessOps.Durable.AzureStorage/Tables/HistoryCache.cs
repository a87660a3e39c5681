namespace ServerlessOps.Durable.AzureStorage.Tables;

/// <summary>
/// The last committed history of recently run instances (least recently used evicted), so a step does not
/// re-read what this worker wrote. A copy that another worker has outdated is harmless: the commit's ETag
/// check fails, the entry is dropped and the step retried on a fresh read.
/// </summary>
internal sealed class HistoryCache(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<InstanceHistory>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<InstanceHistory> _order = new();

    public InstanceHistory? TryGet(string instanceId)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(instanceId, out var node))
            {
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value;
        }
    }

    public void Set(InstanceHistory history)
    {
        if (capacity == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.Remove(history.InstanceId, out var existing))
            {
                _order.Remove(existing);
            }

            _entries[history.InstanceId] = _order.AddFirst(history);
            while (_entries.Count > capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _entries.Remove(last.Value.InstanceId);
            }
        }
    }

    public void Remove(string instanceId)
    {
        lock (_lock)
        {
            if (_entries.Remove(instanceId, out var node))
            {
                _order.Remove(node);
            }
        }
    }
}
