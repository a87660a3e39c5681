using ServerlessOps.Durable.AzureStorage.Queues;
using ServerlessOps.Durable.Backend;

namespace ServerlessOps.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <inheritdoc />
    public async Task<ActivityWorkItem?> GetActivityWorkItemAsync(CancellationToken cancellationToken = default)
    {
        _consumesActivities = true;
        if (!_activities.TryDequeue(out var message))
        {
            if (_activities.Count < _options.MaxBufferedMessages)
            {
                foreach (var raw in await _workItemPoller.PollAsync(cancellationToken))
                {
                    if (await DecodeAsync(_queues.WorkItems, raw, cancellationToken) is { } received)
                    {
                        _activities.Enqueue(received);
                    }
                }
            }

            if (!_activities.TryDequeue(out message))
            {
                return null;
            }
        }

        return ToActivityWorkItem(message, hostOwnsMessage: false);
    }

    /// <inheritdoc />
    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(response);
        var state = (ActivityLock)workItem.BackendState!;
        if (_options.LocalDispatch && _consumesOrchestrations && !state.HostOwnsMessage && _sessions.PendingCount < _options.MaxBufferedMessages)
        {
            _sessions.Add(new ReceivedMessage
            {
                Queue = state.Message.Queue,
                QueueMessageId = state.Message.QueueMessageId,
                PopReceipt = state.Message.PopReceipt,
                Message = response,
                Envelope = new QueueEnvelope { Id = response.MessageId, InstanceId = response.Instance.InstanceId },
                DequeueCount = state.Message.DequeueCount,
                InsertedOn = _timeProvider.GetUtcNow(),
                RidesOnInvocation = true,
            });
            return;
        }

        await SendToInstanceAsync(response, null, cancellationToken);
        if (!state.HostOwnsMessage)
        {
            await DeleteQuietlyAsync(state.Message, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, TimeSpan? retryAfter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var state = (ActivityLock)workItem.BackendState!;
        if (!state.HostOwnsMessage)
        {
            await ReleaseQuietlyAsync(state.Message, retryAfter ?? TimeSpan.Zero, cancellationToken);
        }
    }

    private static ActivityWorkItem ToActivityWorkItem(ReceivedMessage message, bool hostOwnsMessage) => new()
    {
        Message = message.Message,
        DequeueCount = message.DequeueCount,
        BackendState = new ActivityLock(message, hostOwnsMessage),
    };

    /// <summary>Backend state of an activity work item.</summary>
    private sealed record ActivityLock(ReceivedMessage Message, bool HostOwnsMessage);
}
