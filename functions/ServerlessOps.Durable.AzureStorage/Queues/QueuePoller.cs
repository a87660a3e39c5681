using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ServerlessOps.Durable.AzureStorage.Queues;

/// <summary>
/// Receives batches from one queue with its own back-off: an empty receive doubles the pause before the
/// next one (from <see cref="MinIdleDelay"/> up to the configured maximum), a non-empty one polls again at once.
/// One receive per queue is in flight at a time.
/// </summary>
internal sealed class QueuePoller(QueueClient queue, int batchSize, TimeSpan visibility, TimeSpan maxIdleDelay, TimeProvider timeProvider)
{
    private static readonly TimeSpan MinIdleDelay = TimeSpan.FromMilliseconds(25);

    private readonly Lock _lock = new();
    private DateTimeOffset _nextPollAt = DateTimeOffset.MinValue;
    private TimeSpan _idleDelay = TimeSpan.Zero;
    private bool _polling;

    public QueueClient Queue => queue;

    /// <summary>Receives up to a batch, or nothing when the queue is backing off or already being polled.</summary>
    public async Task<QueueMessage[]> PollAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_polling || timeProvider.GetUtcNow() < _nextPollAt)
            {
                return [];
            }

            _polling = true;
        }

        QueueMessage[] received = [];
        try
        {
            received = (await queue.ReceiveMessagesAsync(batchSize, visibility, cancellationToken)).Value;
            return received;
        }
        finally
        {
            lock (_lock)
            {
                _polling = false;
                _idleDelay = received.Length > 0
                    ? TimeSpan.Zero
                    : TimeSpan.FromTicks(Math.Min(Math.Max(_idleDelay.Ticks * 2, MinIdleDelay.Ticks), maxIdleDelay.Ticks));
                _nextPollAt = timeProvider.GetUtcNow() + _idleDelay;
            }
        }
    }

    /// <summary>Poll at the next opportunity (something was just sent to this queue by another path).</summary>
    public void Nudge()
    {
        lock (_lock)
        {
            _idleDelay = TimeSpan.Zero;
            _nextPollAt = DateTimeOffset.MinValue;
        }
    }
}
