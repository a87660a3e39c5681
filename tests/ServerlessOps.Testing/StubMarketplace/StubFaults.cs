using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>Pending injected failures per channel, consumed one per request in the order they were added.</summary>
internal sealed class StubFaults
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SalesChannel, Queue<StubFault>> _pending = [];

    public void Add(SalesChannel channel, int count, StubFault fault)
    {
        lock (_lock)
        {
            if (!_pending.TryGetValue(channel, out var queue))
            {
                queue = new Queue<StubFault>();
                _pending[channel] = queue;
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(fault);
            }
        }
    }

    public bool TryTake(SalesChannel channel, out StubFault fault)
    {
        lock (_lock)
        {
            if (_pending.TryGetValue(channel, out var queue) && queue.TryDequeue(out var next))
            {
                fault = next;
                return true;
            }
        }

        fault = null!;
        return false;
    }
}
