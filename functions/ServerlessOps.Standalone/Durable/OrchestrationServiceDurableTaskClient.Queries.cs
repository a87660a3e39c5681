using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using CorePurgeResult = DurableTask.Core.PurgeResult;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace ServerlessOps.Standalone.Durable;

/// <summary>Reading, waiting for and purging instances.</summary>
public sealed partial class OrchestrationServiceDurableTaskClient
{
    /// <summary>The first wait between polls; each wait is 1.5 times the last, up to <see cref="MaxPollDelay"/>.</summary>
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait between polls: a finished instance is noticed within about a second.</summary>
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    /// <remarks>
    /// As in Azure, input, output, custom status and failure details are filled only when
    /// <paramref name="getInputsAndOutputs"/> is true. The Azure Storage engine's instance record holds a failure only
    /// as "ErrorType: message" text (the output); for a failed instance the details (type, message, stack, inner
    /// failure) are read from its history, one more query.
    /// </remarks>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (await GetStateAsync(instanceId, cancellation) is not { } state)
        {
            return null;
        }

        var metadata = OrchestrationStates.ToMetadata(state, getInputsAndOutputs, _converter);
        if (getInputsAndOutputs && metadata is { RuntimeStatus: OrchestrationRuntimeStatus.Failed, FailureDetails: null })
        {
            cancellation.ThrowIfCancellationRequested();
            var history = await _client.GetOrchestrationHistoryAsync(instanceId, state.OrchestrationInstance.ExecutionId);
            metadata = new OrchestrationMetadata(metadata.Name, metadata.InstanceId)
            {
                DataConverter = metadata.DataConverter,
                RuntimeStatus = metadata.RuntimeStatus,
                CreatedAt = metadata.CreatedAt,
                LastUpdatedAt = metadata.LastUpdatedAt,
                SerializedInput = metadata.SerializedInput,
                SerializedOutput = metadata.SerializedOutput,
                SerializedCustomStatus = metadata.SerializedCustomStatus,
                Tags = metadata.Tags,
                FailureDetails = FailureDetailsFromHistory.Find(history),
            };
        }

        return metadata;
    }

    /// <inheritdoc />
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        var queries = Cast<IOrchestrationServiceQueryClient>("query instances");
        return Pageable.Create(async (string? continuation, int? pageSize, CancellationToken cancellation) =>
        {
            var query = new CoreOrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(OrchestrationStates.ToCore).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                ExcludeEntities = true,
            };
            var result = await queries.GetOrchestrationWithQueryAsync(query, cancellation);
            return new Page<OrchestrationMetadata>(
                [.. result.OrchestrationState.Select(state => OrchestrationStates.ToMetadata(state, query.FetchInputsAndOutputs, _converter))],
                result.ContinuationToken);
        });
    }

    /// <inheritdoc />
    /// <remarks>Polls until the instance leaves Pending; throws <see cref="InvalidOperationException"/> if it does not exist.</remarks>
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, state => state.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <inheritdoc />
    /// <remarks>Polls until the instance is completed, failed or terminated; throws <see cref="InvalidOperationException"/> if it does not exist.</remarks>
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, state => state.IsCompleted, cancellation);

    /// <inheritdoc />
    /// <remarks>
    /// Deletes a finished (completed, failed, terminated) instance's history, status and payload blobs; messages still
    /// in flight for it (activity results, timers) are discarded by the engine when they arrive. An instance that has
    /// not finished is refused with <see cref="InvalidOperationException"/>, as the Durable Task SDK's own engine
    /// client does: on this engine a running episode would write a first-episode instance back, or fail its commit
    /// and stall the worker. Terminate it and wait for it first. A missing instance purges nothing.
    /// </remarks>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        RefuseRecursive(options?.Recursive == true, "purge");
        if (await GetStateAsync(instanceId, cancellation) is not { } state)
        {
            return new PurgeResult(0);
        }

        if (OrchestrationStates.IsRunning(state.OrchestrationStatus))
        {
            throw new InvalidOperationException(
                $"Cannot purge orchestration instance {instanceId}: it is {state.OrchestrationStatus}. Only finished instances can be purged; " +
                "terminate it and wait for it to finish first (a purge under a running episode can be undone by that episode or stall the worker).");
        }

        cancellation.ThrowIfCancellationRequested();
        return ToClient(await Cast<IOrchestrationServicePurgeClient>("purge instances").PurgeInstanceStateAsync(instanceId));
    }

    /// <inheritdoc />
    /// <remarks>Only finished instances (completed, failed, terminated) are purged by filter, whatever the filter's statuses say.</remarks>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RefuseRecursive(options?.Recursive == true, "purge");
        cancellation.ThrowIfCancellationRequested();
        var coreFilter = new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue,
            filter.CreatedTo?.UtcDateTime,
            filter.Statuses?.Select(OrchestrationStates.ToCore))
        {
            Timeout = filter.Timeout,
        };
        return ToClient(await Cast<IOrchestrationServicePurgeClient>("purge instances").PurgeInstanceStateAsync(coreFilter));
    }

    private async Task<OrchestrationMetadata> PollAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var delay = FirstPollDelay;
        while (true)
        {
            var state = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"Orchestration with instanceId '{instanceId}' does not exist.");
            if (done(state))
            {
                return state;
            }

            await Task.Delay(delay, _timeProvider, cancellation);
            delay = TimeSpan.FromTicks(Math.Min(MaxPollDelay.Ticks, (long)(delay.Ticks * 1.5)));
        }
    }

    private T Cast<T>(string operation) where T : class =>
        _client as T ?? throw new NotSupportedException($"The engine ({_client.GetType().Name}) cannot {operation}.");

    private static PurgeResult ToClient(CorePurgeResult result) => new(result.DeletedInstanceCount);
}
