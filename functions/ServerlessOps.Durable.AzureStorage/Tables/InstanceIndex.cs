using Azure;
using Azure.Data.Tables;
using ServerlessOps.Durable.AzureStorage.Payloads;
using ServerlessOps.Durable.Client;

namespace ServerlessOps.Durable.AzureStorage.Tables;

/// <summary>
/// The <c>{hub}Instances</c> table (PartitionKey = instance id, RowKey = ""): a copy of each sentinel's
/// instance columns, written after the commit, that queries and purge-by-filter scan. Point reads of one
/// instance go to the sentinel instead, which is never behind.
/// </summary>
internal sealed class InstanceIndex(TableClient table, LargePayloadStore payloads)
{
    public TableClient Table => table;

    public Task UpsertAsync(TableEntity row, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);

    public async Task DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(TableKeys.Escape(instanceId), TableKeys.InstanceRow, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone: purge is idempotent.
        }
    }

    public async Task<OrchestrationQueryResult> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        var select = query.FetchInputsAndOutputs ? null : InstanceColumns.SummaryColumns.Append("PartitionKey").ToArray();
        IAsyncEnumerable<Page<TableEntity>> pages;
        try
        {
            pages = table.QueryAsync<TableEntity>(BuildFilter(query.CreatedFrom, query.CreatedTo, query.Statuses, query.Name, query.InstanceIdPrefix),
                pageSize, select, cancellationToken).AsPages(query.ContinuationToken, pageSize);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The continuation token was not issued by this backend.", nameof(query), ex);
        }

        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            var items = new List<OrchestrationMetadata>(page.Values.Count);
            foreach (var row in page.Values)
            {
                items.Add(await InstanceColumns.ReadAsync(row, query.FetchInputsAndOutputs, payloads, cancellationToken));
            }

            return new OrchestrationQueryResult(items, page.ContinuationToken);
        }

        return new OrchestrationQueryResult([], null);
    }

    /// <summary>Instance ids matching a purge filter, all pages.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            BuildFilter(filter.CreatedFrom, filter.CreatedTo, filter.EffectiveStatuses, null, null),
            1000, [InstanceColumns.InstanceId, "PartitionKey"], cancellationToken))
        {
            ids.Add(row.GetString(InstanceColumns.InstanceId) ?? TableKeys.Unescape(row.PartitionKey));
        }

        return ids;
    }

    private static string BuildFilter(
        DateTimeOffset? createdFrom,
        DateTimeOffset? createdTo,
        IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses,
        string? name,
        string? instanceIdPrefix)
    {
        var clauses = new List<string> { "RowKey eq ''" };
        if (createdFrom is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedTime ge {from}"));
        }

        if (createdTo is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedTime le {to}"));
        }

        if (statuses is { Count: > 0 })
        {
            clauses.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s.ToString()}"))) + ")");
        }

        if (!string.IsNullOrEmpty(name))
        {
            clauses.Add(TableClient.CreateQueryFilter($"Name eq {name}"));
        }

        if (!string.IsNullOrEmpty(instanceIdPrefix))
        {
            var prefix = TableKeys.Escape(instanceIdPrefix);
            // The smallest key above every key starting with the prefix: bump its last character.
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}"));
        }

        return string.Join(" and ", clauses);
    }
}
