using Azure;
using Azure.Data.Tables;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.AzureStorage.Tables;

/// <summary>What a load of one history partition found: the committed history of the current execution,
/// the sentinel (instance state + ETag), the ids of consumed messages and uncommitted leftover rows.</summary>
internal sealed class InstanceHistory
{
    public required string InstanceId { get; init; }

    /// <summary>The sentinel row, or null for an instance that has none (unknown, or purged).</summary>
    public TableEntity? Sentinel { get; init; }

    public ETag? ETag => Sentinel?.ETag;

    public string? ExecutionId => Sentinel?.GetString(InstanceColumns.ExecutionId);

    public int Watermark => Sentinel?.GetInt32(HistoryColumns.Watermark) ?? 0;

    public required IReadOnlyList<HistoryEvent> Events { get; init; }

    public required IReadOnlySet<string> ConsumedMessageIds { get; init; }

    /// <summary>Rows at or past the watermark of the current execution, with their ETags (never committed).</summary>
    public required IReadOnlyList<(string RowKey, ETag ETag)> Leftovers { get; init; }

    /// <summary>Row keys of older executions (kept until purge or the next continue-as-new clean-up).</summary>
    public required IReadOnlyList<string> OldExecutionRows { get; init; }
}
