using Azure.Data.Tables;
using ServerlessOps.Durable.AzureStorage.Tables;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationBackend
{
    /// <inheritdoc />
    public async Task CreateOrchestrationInstanceAsync(
        TaskMessage message, OrchestrationIdReusePolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(policy);
        if (!await TryCreateInstanceAsync(message, policy, cancellationToken))
        {
            throw new OrchestrationAlreadyExistsException(
                $"An instance with id '{message.Instance.InstanceId}' already exists and its status does not allow replacing it.")
            {
                InstanceId = message.Instance.InstanceId,
            };
        }

        var started = (ExecutionStartedEvent)message.Event;
        await SendToInstanceAsync(message, started.ScheduledStartTime, cancellationToken);
    }

    /// <inheritdoc />
    public async Task AddNewOrchestrationEventAsync(TaskMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        // An instance this worker holds in its history cache exists (a purge elsewhere only means the
        // message is dropped on arrival, as for any message to a purged instance): skip the read.
        var known = _cache.TryGet(message.Instance.InstanceId) is not null;
        if (!known && await _history.GetSentinelAsync(message.Instance.InstanceId, [InstanceColumns.ExecutionId], cancellationToken) is null)
        {
            throw new OrchestrationNotFoundException($"No orchestration instance has the id '{message.Instance.InstanceId}'.");
        }

        await SendToInstanceAsync(message, null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<OrchestrationMetadata?> GetOrchestrationMetadataAsync(
        string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        var sentinel = await _history.GetSentinelAsync(instanceId, includePayloads ? null : InstanceColumns.SummaryColumns, cancellationToken);
        return sentinel is null ? null : await InstanceColumns.ReadAsync(sentinel, includePayloads, _payloads, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        (await _history.LoadAsync(instanceId, cancellationToken)).Events;

    /// <inheritdoc />
    public Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _index.QueryAsync(query, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        _cache.Remove(instanceId);
        var existed = await _history.DeletePartitionAsync(instanceId, cancellationToken);
        await _index.DeleteAsync(instanceId, cancellationToken);
        await _payloads.DeleteInstanceAsync(instanceId, cancellationToken);
        _cache.Remove(instanceId);
        return new PurgeResult(existed ? 1 : 0);
    }

    /// <inheritdoc />
    public async Task<PurgeResult> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var purged = 0;
        foreach (var instanceId in await _index.FindAsync(filter, cancellationToken))
        {
            purged += (await PurgeInstanceAsync(instanceId, cancellationToken)).PurgedInstanceCount;
        }

        return new PurgeResult(purged);
    }

    /// <summary>
    /// Writes the sentinel (status Pending, Watermark 0) and the Instances row of a new instance. An existing
    /// instance is replaced only when <paramref name="policy"/> allows its status; a start whose execution
    /// already exists (a redelivered sub-orchestration start) is refused too. Returns false when the instance may not be created.
    /// </summary>
    private async Task<bool> TryCreateInstanceAsync(
        TaskMessage message, OrchestrationIdReusePolicy policy, CancellationToken cancellationToken)
    {
        var started = (ExecutionStartedEvent)message.Event;
        var instanceId = message.Instance.InstanceId;
        var now = _timeProvider.GetUtcNow();
        var metadata = new OrchestrationMetadata
        {
            InstanceId = instanceId,
            Name = started.Name,
            ExecutionId = started.OrchestrationInstance.ExecutionId ?? message.Instance.ExecutionId,
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            ScheduledStartAt = started.ScheduledStartTime is { } start ? new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)) : null,
            ParentInstanceId = started.ParentInstance?.Instance.InstanceId,
            SerializedInput = started.Input,
        };
        var partitionKey = TableKeys.Escape(instanceId);
        var sentinel = new TableEntity(partitionKey, TableKeys.Sentinel) { [HistoryColumns.Watermark] = 0 };
        await InstanceColumns.FillAsync(sentinel, metadata, null, _payloads, cancellationToken);

        for (var attempt = 0; ; attempt++)
        {
            if (await _history.TryCreateSentinelAsync(sentinel, cancellationToken))
            {
                break;
            }

            var existing = await _history.GetSentinelAsync(instanceId, InstanceColumns.SummaryColumns, cancellationToken);
            if (existing is null)
            {
                continue;
            }

            var status = Enum.Parse<OrchestrationRuntimeStatus>(existing.GetString(InstanceColumns.RuntimeStatus) ?? nameof(OrchestrationRuntimeStatus.Pending));
            var sameExecution = existing.GetString(InstanceColumns.ExecutionId) == metadata.ExecutionId;
            if (sameExecution || !policy.CanReplace(status) || attempt >= 3)
            {
                return false;
            }

            if (await _history.TryReplaceSentinelAsync(sentinel, existing.ETag, cancellationToken))
            {
                _cache.Remove(instanceId);
                _logger.InstanceReplaced(instanceId, status);
                break;
            }
        }

        await _index.UpsertAsync(InstanceColumns.Copy(sentinel, partitionKey, TableKeys.InstanceRow), cancellationToken);
        return true;
    }
}
