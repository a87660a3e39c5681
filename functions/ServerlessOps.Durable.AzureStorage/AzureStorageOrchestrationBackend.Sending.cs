using ServerlessOps.Durable.AzureStorage.Queues;
using ServerlessOps.Durable.Backend;

namespace ServerlessOps.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <summary>
    /// Sends a message to its instance's control queue. Due now and with room in this worker's buffer, it is
    /// sent hidden and handed to this worker's own sessions (local dispatch); otherwise it is sent visible
    /// (or delayed until <paramref name="dueAt"/>) for whichever worker polls first.
    /// </summary>
    private async Task SendToInstanceAsync(TaskMessage message, DateTime? dueAt, CancellationToken cancellationToken)
    {
        var queue = _queues.ControlFor(message);
        var local = await TrySendLockedAsync(queue, message, dueAt, _options.ControlQueueVisibilityTimeout, _sessions.PendingCount, _consumesOrchestrations, cancellationToken);
        if (local is not null)
        {
            _sessions.Add(local);
        }
    }

    private async Task<ReceivedMessage?> TrySendLockedAsync(
        Azure.Storage.Queues.QueueClient queue, TaskMessage message, DateTime? dueAt, TimeSpan lockFor, int buffered, bool consumerHere, CancellationToken cancellationToken)
    {
        var dueNow = dueAt is null || dueAt.Value <= _timeProvider.GetUtcNow().UtcDateTime;
        if (_options.LocalDispatch && consumerHere && dueNow && buffered < _options.MaxBufferedMessages)
        {
            return await _sender.SendLockedAsync(queue, message, lockFor, cancellationToken);
        }

        await _sender.SendDueAsync(queue, message, dueAt, cancellationToken);
        if (dueNow)
        {
            PollerOf(queue).Nudge();
        }

        return null;
    }
}
