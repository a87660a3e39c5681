using Azure;
using Azure.Data.Tables;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// Writes RuntimeStatus Running into an instance row the engine left at Pending after an instance's first commit
/// failed half-way.
/// </summary>
/// <remarks>
/// <para>
/// The Azure Storage engine (DurableTask.AzureStorage 2.11, <c>AzureTableTrackingStore.UpdateStateAsync</c>) commits an
/// episode as two table writes: the history batch, then a merge of the instance row. Only the episode that adds the
/// ExecutionStarted event puts RuntimeStatus Running in that merge; later episodes merge the custom status, times and
/// execution id only. When the first episode's row merge fails after its history batch committed (a storage 500/503
/// outlasting the client's retries), the work item is abandoned, the retried episode finds ExecutionStarted already
/// in the history, drops the start message as a duplicate, and nothing ever writes Running: the row keeps the
/// client's Pending while the orchestration runs (its custom status moves on), until it completes. Seen in drill 3
/// (2 of 240 order flows, 30 % storage faults) and reproduced by <c>InstanceRowAfterFailedCommitTests</c>; reported
/// upstream as azure-functions-durable-extension#1252.
/// </para>
/// <para>
/// That retried episode is recognisable: its messages hold an ExecutionStarted of the current execution, yet its new
/// events do not. After such an episode has committed, this reads the row and, if it still says Pending for that
/// execution, merges Running with the row's ETag (a newer write by anyone else wins). One read and one write, only in
/// that rare case. The Durable Functions extension in Azure builds its own engine, so there the product has to
/// tolerate the stale Pending instead (see <c>FindStuckOrderFlows</c>).
/// </para>
/// </remarks>
internal sealed class InstanceStatusRepair(TableClient instances, ILogger<InstanceStatusRepair> logger)
{
    private static readonly string Pending = OrchestrationStatus.Pending.ToString();
    private static readonly string Running = OrchestrationStatus.Running.ToString();

    /// <summary>The repair for the engine configured by <paramref name="settings"/>: its Instances table, reached as the engine reaches it.</summary>
    public static InstanceStatusRepair For(AzureStorageOrchestrationServiceSettings settings, ILogger<InstanceStatusRepair> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (tables, table) = settings.TrackingServiceClientProvider is { } tracking
            ? (tracking.Table, settings.TrackingStoreNamePrefix + "Instances")
            : (settings.StorageAccountClientProvider?.Table ?? throw new ArgumentException("The engine settings name no storage account.", nameof(settings)), settings.TaskHubName + "Instances");
        return new InstanceStatusRepair(tables.CreateClient(tables.CreateOptions()).GetTableClient(table), logger);
    }

    /// <summary>
    /// True when <paramref name="workItem"/> re-ran the first episode of <paramref name="newState"/>'s execution, whose
    /// history had committed but whose row write had not, and the orchestration is still running (a finished one
    /// writes its final status with its completion event).
    /// </summary>
    public static bool IsRetriedFirstEpisode(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newState)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(newState);
        var executionId = newState.OrchestrationInstance?.ExecutionId;
        return executionId is not null
            && newState.OrchestrationStatus == OrchestrationStatus.Running
            && workItem.NewMessages.Any(m => m.Event is ExecutionStartedEvent && m.OrchestrationInstance?.ExecutionId == executionId)
            && !newState.NewEvents.Any(e => e is ExecutionStartedEvent);
    }

    /// <summary>Sets the row of <paramref name="instanceId"/> to Running if it still says Pending for <paramref name="executionId"/>.</summary>
    /// <returns>True when this call changed the row.</returns>
    public async Task<bool> RepairAsync(string instanceId, string executionId, CancellationToken cancellationToken = default)
    {
        var partitionKey = EscapePartitionKey(instanceId);
        var row = await instances.GetEntityIfExistsAsync<TableEntity>(partitionKey, string.Empty, ["RuntimeStatus", "ExecutionId"], cancellationToken);
        if (!row.HasValue || row.Value is not { } entity
            || entity.GetString("RuntimeStatus") != Pending || entity.GetString("ExecutionId") != executionId)
        {
            return false;
        }

        try
        {
            await instances.UpdateEntityAsync(new TableEntity(partitionKey, string.Empty) { ["RuntimeStatus"] = Running }, entity.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Written since our read: by the instance's own next commit, or a terminate; theirs stands.
            return false;
        }

        logger.PendingRowRepaired(instanceId, executionId);
        return true;
    }

    /// <summary>The engine's partition-key escaping (its KeySanitation is internal): '^' doubled, '/', '\', '#', '?' and control characters as '^' plus a code.</summary>
    internal static string EscapePartitionKey(string key)
    {
        var escaped = new System.Text.StringBuilder(key.Length);
        foreach (var c in key)
        {
            _ = c switch
            {
                '^' => escaped.Append("^^"),
                '/' => escaped.Append("^0"),
                '\\' => escaped.Append("^1"),
                '#' => escaped.Append("^2"),
                '?' => escaped.Append("^3"),
                _ when c is <= '\u001f' or (>= '\u007f' and <= '\u009f') => escaped.Append('^').Append((char)(192 + c)),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
