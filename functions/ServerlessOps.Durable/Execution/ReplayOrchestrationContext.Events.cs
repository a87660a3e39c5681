using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Execution;

/// <summary>External events: waiters by name (case-insensitive) and the buffer of events nobody waited for yet.</summary>
internal sealed partial class ReplayOrchestrationContext
{
    private readonly Dictionary<string, List<TaskCompletionSource<string?>>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EventRaisedEvent> _bufferedEvents = [];

    /// <summary>Events that arrived and were not consumed, in arrival order (continue-as-new carries them over).</summary>
    internal IReadOnlyList<EventRaisedEvent> BufferedEvents => _bufferedEvents;

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var index = _bufferedEvents.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var buffered = _bufferedEvents[index];
            _bufferedEvents.RemoveAt(index);
            return Task.FromResult(_converter.Deserialize<T>(buffered.Input)!);
        }

        var waiter = new TaskCompletionSource<string?>();
        if (!_eventWaiters.TryGetValue(eventName, out var waiters))
        {
            waiters = [];
            _eventWaiters.Add(eventName, waiters);
        }

        waiters.Add(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (waiter.TrySetCanceled(cancellationToken))
                {
                    waiters.Remove(waiter);
                }
            });
        }

        return AwaitEventAsync<T>(waiter.Task);
    }

    /// <summary>Hands the event to the oldest waiter for its name, or buffers it.</summary>
    internal void DeliverEvent(EventRaisedEvent raised)
    {
        if (_eventWaiters.TryGetValue(raised.Name, out var waiters))
        {
            while (waiters.Count > 0)
            {
                var waiter = waiters[0];
                waiters.RemoveAt(0);
                if (waiter.TrySetResult(raised.Input))
                {
                    return;
                }
            }
        }

        _bufferedEvents.Add(raised);
    }

    private async Task<T> AwaitEventAsync<T>(Task<string?> payload) => _converter.Deserialize<T>(await payload)!;
}
