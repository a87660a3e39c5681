using Azure;
using Azure.Data.Tables;
using ServerlessOps.Durable.AzureStorage.Payloads;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.AzureStorage.Tables;

/// <summary>
/// The <c>{hub}History</c> table: one partition per instance, one row per history event, plus the sentinel
/// row that holds the instance state and whose ETag guards every commit (see README.md, "Commit protocol").
/// </summary>
internal sealed partial class HistoryStore(TableClient table, LargePayloadStore payloads)
{
    public TableClient Table => table;

    /// <summary>Reads the whole partition of an instance in one query (one request up to 1,000 rows).</summary>
    public async Task<InstanceHistory> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var partitionKey = TableKeys.Escape(instanceId);
        var rows = new List<TableEntity>();
        TableEntity? sentinel = null;
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey == TableKeys.Sentinel)
            {
                sentinel = row;
            }
            else
            {
                rows.Add(row);
            }
        }

        var executionId = sentinel?.GetString(InstanceColumns.ExecutionId);
        var watermark = sentinel?.GetInt32(HistoryColumns.Watermark) ?? 0;
        var committed = new List<TableEntity>();
        var leftovers = new List<(string, ETag)>();
        var old = new List<string>();
        foreach (var row in rows)
        {
            if (executionId is null || row.GetString(HistoryColumns.ExecutionId) != executionId)
            {
                old.Add(row.RowKey);
            }
            else if (TableKeys.SequenceOf(row.RowKey) < watermark)
            {
                committed.Add(row);
            }
            else
            {
                leftovers.Add((row.RowKey, row.ETag));
            }
        }

        committed.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
        var events = await Task.WhenAll(committed.Select(row => ReadEventAsync(row, cancellationToken)));
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in committed)
        {
            AddConsumed(row, consumed);
        }

        return new InstanceHistory
        {
            InstanceId = instanceId,
            Sentinel = sentinel,
            Events = events,
            ConsumedMessageIds = consumed,
            Leftovers = leftovers,
            OldExecutionRows = old,
        };
    }

    /// <summary>Reads only the sentinel (instance state), or null.</summary>
    public async Task<TableEntity?> GetSentinelAsync(string instanceId, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Escape(instanceId), TableKeys.Sentinel, select, cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Creates the sentinel of a new instance; false when one exists already.</summary>
    public async Task<bool> TryCreateSentinelAsync(TableEntity sentinel, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(sentinel, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces an existing sentinel guarded by its ETag; false when it changed meanwhile.</summary>
    public async Task<bool> TryReplaceSentinelAsync(TableEntity sentinel, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(sentinel, ifMatch, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Deletes every row of the instance's partition; returns whether there was a sentinel.</summary>
    public async Task<bool> DeletePartitionAsync(string instanceId, CancellationToken cancellationToken)
    {
        var partitionKey = TableKeys.Escape(instanceId);
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }

        await DeleteRowsAsync(partitionKey, keys, cancellationToken);
        return keys.Contains(TableKeys.Sentinel);
    }

    /// <summary>Deletes rows by key in batches of 100, ignoring rows already gone.</summary>
    public async Task DeleteRowsAsync(string partitionKey, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in rowKeys.Chunk(100))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    chunk.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, key), ETag.All)),
                    cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                foreach (var key in chunk)
                {
                    await table.DeleteEntityAsync(partitionKey, key, ETag.All, cancellationToken);
                }
            }
        }
    }

    private static void AddConsumed(TableEntity row, HashSet<string> consumed)
    {
        for (var i = 0; row.GetString(HistoryColumns.ConsumedPrefix + i) is { } chunk; i++)
        {
            foreach (var id in chunk.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                consumed.Add(id);
            }
        }
    }

    private async Task<HistoryEvent> ReadEventAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var json = row.GetString(HistoryColumns.DataBlobName) is { } blob
            ? await payloads.DownloadAsync(blob, cancellationToken)
            : row.GetString(HistoryColumns.Data) ?? throw new InvalidOperationException($"History row {row.PartitionKey}/{row.RowKey} has no data.");
        return HistoryJson.DeserializeEvent(json);
    }
}
