using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// Pending injected failures per channel, consumed one per request in the order they were added; then, while one lasts,
/// a failure that answers every request until a moment (a channel down for a while, not for a number of calls).
/// </summary>
internal sealed class StubFaults
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SalesChannel, Queue<StubFault>> _pending = [];
    private readonly Dictionary<SalesChannel, (DateTimeOffset Until, StubFault Fault)> _lasting = [];

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

    /// <summary>Every request to <paramref name="channel"/> fails with <paramref name="fault"/> until <paramref name="until"/> (replaces an earlier one).</summary>
    public void AddUntil(SalesChannel channel, DateTimeOffset until, StubFault fault)
    {
        lock (_lock)
        {
            _lasting[channel] = (until, fault);
        }
    }

    /// <summary>Ends the lasting failure of <paramref name="channel"/>, if any (counted ones stay queued).</summary>
    public void EndLasting(SalesChannel channel)
    {
        lock (_lock)
        {
            _lasting.Remove(channel);
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

            if (_lasting.TryGetValue(channel, out var lasting) && DateTimeOffset.UtcNow < lasting.Until)
            {
                fault = lasting.Fault;
                return true;
            }
        }

        fault = null!;
        return false;
    }
}
