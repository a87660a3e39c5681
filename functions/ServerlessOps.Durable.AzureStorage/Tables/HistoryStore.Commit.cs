using Azure;
using Azure.Data.Tables;
using ServerlessOps.Durable.AzureStorage.Payloads;
using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.AzureStorage.Tables;

internal sealed partial class HistoryStore
{
    /// <summary>Entity group transactions take at most 100 operations and 4 MiB; stay under both.</summary>
    private const int MaxBatchOperations = 100;
    private const int MaxBatchBytes = 3 * 1024 * 1024;

    /// <summary>
    /// Appends <paramref name="newEvents"/> (or, with <paramref name="replaces"/>, writes them as the whole
    /// history of <paramref name="sentinel"/>'s execution) and replaces the sentinel, guarded by the ETag
    /// <paramref name="loaded"/> was read with. Rows are inserted (never overwritten), so a commit that lost
    /// its race can never damage a committed row; the sentinel goes in the last batch, so a commit larger
    /// than one batch becomes visible only when its final batch lands.
    /// </summary>
    /// <returns>The sentinel's new ETag.</returns>
    /// <exception cref="OrchestrationConcurrencyException">Another writer got there first; nothing is committed.</exception>
    public async Task<ETag> CommitAsync(
        InstanceHistory loaded,
        TableEntity sentinel,
        IReadOnlyList<HistoryEvent> newEvents,
        bool replaces,
        IReadOnlyCollection<string> consumedMessageIds,
        CancellationToken cancellationToken)
    {
        var partitionKey = sentinel.PartitionKey;
        var executionId = sentinel.GetString(InstanceColumns.ExecutionId)
            ?? throw new InvalidOperationException("The instance row to commit has no execution id.");
        var sameExecution = executionId == loaded.ExecutionId;
        var start = replaces || !sameExecution ? 0 : loaded.Watermark;
        if (replaces && sameExecution && loaded.Watermark > 0)
        {
            throw new InvalidOperationException(
                $"Instance {loaded.InstanceId}: a replacing commit must start a new execution id (got the current one, {executionId}).");
        }

        var rows = await Task.WhenAll(newEvents.Select((e, i) => ToRowAsync(partitionKey, executionId, start + i, e, loaded.InstanceId, cancellationToken)));
        if (rows.Length > 0)
        {
            WriteConsumed(rows[0], consumedMessageIds);
        }
        else if (consumedMessageIds.Count > 0)
        {
            WriteConsumed(sentinel, consumedMessageIds);
        }

        sentinel[HistoryColumns.Watermark] = start + rows.Length;
        await ClearLeftoversAsync(loaded, partitionKey, cancellationToken);

        var batches = Split(rows);
        try
        {
            await Task.WhenAll(batches.SkipLast(1).Select(batch => table.SubmitTransactionAsync(
                batch.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), cancellationToken)));
            var last = batches[^1].Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)).ToList();
            last.Add(loaded.Sentinel is null
                ? new TableTransactionAction(TableTransactionActionType.Add, sentinel)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, sentinel, loaded.Sentinel.ETag));
            var response = await table.SubmitTransactionAsync(last, cancellationToken);
            return response.Value[^1].Headers.ETag
                ?? (await table.GetEntityAsync<TableEntity>(partitionKey, TableKeys.Sentinel, ["RowKey"], cancellationToken)).Value.ETag;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            throw new OrchestrationConcurrencyException(
                $"Instance {loaded.InstanceId} was changed by another worker (storage status {ex.Status}); nothing was committed.", ex);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            throw new OrchestrationConcurrencyException(
                $"Instance {loaded.InstanceId} was changed by another worker (storage status {ex.Status}); nothing was committed.", ex);
        }
    }

    private static void WriteConsumed(TableEntity row, IReadOnlyCollection<string> ids)
    {
        var index = 0;
        var chunk = new System.Text.StringBuilder();
        foreach (var id in ids)
        {
            if (chunk.Length + id.Length + 1 > HistoryColumns.ConsumedChunkChars)
            {
                row[HistoryColumns.ConsumedPrefix + index++] = chunk.ToString();
                chunk.Clear();
            }

            chunk.Append(id).Append('\n');
        }

        if (chunk.Length > 0)
        {
            row[HistoryColumns.ConsumedPrefix + index] = chunk.ToString();
        }
    }

    /// <summary>Leftovers of a failed commit occupy row keys this commit needs: remove them, each guarded by
    /// the ETag it was read with, so a row another worker has just committed is never touched.</summary>
    private async Task ClearLeftoversAsync(InstanceHistory loaded, string partitionKey, CancellationToken cancellationToken)
    {
        foreach (var (rowKey, etag) in loaded.Leftovers)
        {
            try
            {
                await table.DeleteEntityAsync(partitionKey, rowKey, etag, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                throw new OrchestrationConcurrencyException(
                    $"Instance {loaded.InstanceId}: history row {rowKey} changed while clearing an unfinished commit.", ex);
            }
        }
    }

    private static List<List<TableEntity>> Split(TableEntity[] rows)
    {
        // The last batch also carries the sentinel, so it holds at most 99 rows.
        var batches = new List<List<TableEntity>> { new() };
        var bytes = 0;
        for (var i = rows.Length - 1; i >= 0; i--)
        {
            var size = EstimateBytes(rows[i]);
            var limit = batches.Count == 1 ? MaxBatchOperations - 1 : MaxBatchOperations;
            if (batches[^1].Count >= limit || bytes + size > MaxBatchBytes)
            {
                batches.Add([]);
                bytes = 0;
            }

            batches[^1].Insert(0, rows[i]);
            bytes += size;
        }

        batches.Reverse();
        return batches;
    }

    private static int EstimateBytes(TableEntity row) =>
        1024 + row.Sum(p => p.Value is string s ? s.Length * 3 : 16);

    private async Task<TableEntity> ToRowAsync(
        string partitionKey, string executionId, int sequence, HistoryEvent historyEvent, string instanceId, CancellationToken cancellationToken)
    {
        var json = HistoryJson.Serialize(historyEvent);
        var row = new TableEntity(partitionKey, TableKeys.HistoryRow(executionId, sequence))
        {
            [HistoryColumns.ExecutionId] = executionId,
            [HistoryColumns.EventType] = historyEvent.GetType().Name.Replace("Event", string.Empty, StringComparison.Ordinal),
            [HistoryColumns.EventId] = historyEvent.EventId,
        };
        if (json.Length <= LargePayloadStore.MaxTablePropertyChars)
        {
            row[HistoryColumns.Data] = json;
        }
        else
        {
            row[HistoryColumns.DataBlobName] = await payloads.UploadAsync(instanceId, "history", json, cancellationToken);
        }

        return row;
    }
}
