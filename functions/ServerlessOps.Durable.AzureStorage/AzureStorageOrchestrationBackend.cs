using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using ServerlessOps.Durable.AzureStorage.Http;
using ServerlessOps.Durable.AzureStorage.Payloads;
using ServerlessOps.Durable.AzureStorage.Queues;
using ServerlessOps.Durable.AzureStorage.Tables;
using ServerlessOps.Durable.Backend;

namespace ServerlessOps.Durable.AzureStorage;

/// <summary>
/// <see cref="IOrchestrationBackend"/> over Azure Storage, laid out as the Durable Functions Azure Storage
/// provider lays out a task hub (README.md beside this file). Safe for many workers in many processes:
/// every step commits under the instance's sentinel ETag; within one process an instance runs one step at a time.
/// </summary>
public sealed partial class AzureStorageOrchestrationBackend : IOrchestrationBackend, IBacklogReporter, ILocalWorkSource
{
    private readonly AzureStorageTaskHubOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TaskHubNames _names;
    private readonly TaskHubQueues _queues;
    private readonly HistoryStore _history;
    private readonly InstanceIndex _index;
    private readonly LargePayloadStore _payloads;
    private readonly QueueMessageCodec _codec;
    private readonly MessageSender _sender;
    private readonly HistoryCache _cache;
    private readonly OrchestrationSessions _sessions = new();
    private readonly ConcurrentQueue<ReceivedMessage> _activities = new();
    private readonly QueuePoller[] _controlPollers;
    private readonly QueuePoller _workItemPoller;

    // Local dispatch only pays off in a process that also consumes: a client-only process would hide its
    // messages from the real workers for the whole visibility timeout. Set on the first poll of each kind.
    private volatile bool _consumesOrchestrations;
    private volatile bool _consumesActivities;

    /// <summary>Creates the backend for one task hub.</summary>
    /// <param name="taskHubName">The task hub; storage names derive from it (letters and digits, 3-45 characters).</param>
    /// <param name="options">Storage settings.</param>
    /// <param name="counter">Counts storage requests (shared with whoever reports them).</param>
    /// <param name="timeProvider">Clock for timers and back-off.</param>
    /// <param name="logger">Logger.</param>
    public AzureStorageOrchestrationBackend(
        string taskHubName,
        AzureStorageTaskHubOptions options,
        StorageRequestCounter counter,
        TimeProvider timeProvider,
        ILogger<AzureStorageOrchestrationBackend> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _names = new TaskHubNames(taskHubName, options.PartitionCount);
        var (tables, queues, blobs) = StorageClientFactory.Create(options, counter);
        _queues = new TaskHubQueues(queues, _names);
        _payloads = new LargePayloadStore(blobs.GetBlobContainerClient(_names.LargeMessagesContainer));
        _history = new HistoryStore(tables.GetTableClient(_names.HistoryTable), _payloads);
        _index = new InstanceIndex(tables.GetTableClient(_names.InstancesTable), _payloads);
        _codec = new QueueMessageCodec(_payloads);
        _sender = new MessageSender(_codec, options, timeProvider);
        _cache = new HistoryCache(options.HistoryCacheSize);
        _controlPollers = _queues.Control
            .Select(q => new QueuePoller(q, options.ReceiveBatchSize, options.ControlQueueVisibilityTimeout, options.MaxQueuePollingInterval, timeProvider))
            .ToArray();
        _workItemPoller = new QueuePoller(
            _queues.WorkItems, options.ReceiveBatchSize, options.WorkItemVisibilityTimeout, options.MaxQueuePollingInterval, timeProvider);
    }

    /// <inheritdoc />
    public event EventHandler<LocalWorkEventArgs>? LocalWorkAvailable;

    /// <summary>The task hub this backend serves.</summary>
    public string TaskHubName => _names.TaskHub;

    /// <inheritdoc />
    public async Task CreateTaskHubAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            _history.Table.CreateIfNotExistsAsync(cancellationToken),
            _index.Table.CreateIfNotExistsAsync(cancellationToken),
            _payloads.Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Task.WhenAll(_queues.All.Select(q => q.CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
    }

    /// <inheritdoc />
    public async Task DeleteTaskHubAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            _history.Table.DeleteAsync(cancellationToken),
            _index.Table.DeleteAsync(cancellationToken),
            _payloads.Container.DeleteIfExistsAsync(cancellationToken: cancellationToken),
            Task.WhenAll(_queues.All.Select(q => q.DeleteIfExistsAsync(cancellationToken))));
    }

    /// <inheritdoc />
    public async Task<BacklogSnapshot> GetBacklogAsync(CancellationToken cancellationToken = default)
    {
        var control = await Task.WhenAll(_queues.Control.Select(q => q.GetPropertiesAsync(cancellationToken)));
        var workItems = await _queues.WorkItems.GetPropertiesAsync(cancellationToken);
        return new BacklogSnapshot(control.Sum(p => (long)p.Value.ApproximateMessagesCount), workItems.Value.ApproximateMessagesCount);
    }

    /// <summary>Deletes a message, ignoring one already gone or re-received by someone else (its receipt is stale):
    /// a message that comes back is recognised as consumed and deleted then.</summary>
    private async Task DeleteQuietlyAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await message.Queue.DeleteMessageAsync(message.QueueMessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            _logger.MessageAlreadyGone(message.Message.Instance.InstanceId, message.Message.MessageId, ex.Status);
        }
    }

    /// <summary>Makes a held message visible again after <paramref name="delay"/>; ignores a lost receipt.
    /// A response riding on its invocation stays in this process instead (releasing the invocation would run
    /// the activity again) and is handed out again after the delay.</summary>
    private async Task ReleaseQuietlyAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (message.RidesOnInvocation)
        {
            if (delay <= TimeSpan.Zero)
            {
                _sessions.Add(message);
            }
            else
            {
                _ = Task.Delay(delay, _timeProvider, CancellationToken.None).ContinueWith(_ => _sessions.Add(message), TaskScheduler.Default);
            }

            return;
        }

        try
        {
            await message.Queue.UpdateMessageAsync(message.QueueMessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            _logger.MessageAlreadyGone(message.Message.Instance.InstanceId, message.Message.MessageId, ex.Status);
        }

        if (delay == TimeSpan.Zero)
        {
            PollerOf(message.Queue).Nudge();
        }
    }

    private void RaiseLocalWork(LocalWorkKind kind) => LocalWorkAvailable?.Invoke(this, new LocalWorkEventArgs(kind));

    private QueuePoller PollerOf(QueueClient queue) =>
        queue == _queues.WorkItems ? _workItemPoller : _controlPollers.First(p => p.Queue == queue);
}
