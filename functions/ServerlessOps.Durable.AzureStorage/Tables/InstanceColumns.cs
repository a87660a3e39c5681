using System.Text.Json;
using Azure.Data.Tables;
using ServerlessOps.Durable.AzureStorage.Payloads;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.AzureStorage.Tables;

/// <summary>
/// The columns that describe an instance, written identically to the history partition's sentinel row
/// (the authoritative copy, committed with the history) and to the Instances table row (the query index).
/// A payload column over the table limit is stored as <c>{Column}BlobName</c> instead, as DF does.
/// </summary>
internal static class InstanceColumns
{
    public const string InstanceId = "InstanceId";
    public const string Name = "Name";
    public const string ExecutionId = "ExecutionId";
    public const string RuntimeStatus = "RuntimeStatus";
    public const string CreatedAt = "CreatedTime";
    public const string LastUpdatedAt = "LastUpdatedTime";
    public const string CompletedAt = "CompletedTime";
    public const string ScheduledStartAt = "ScheduledStartTime";
    public const string ParentInstanceId = "ParentInstanceId";
    public const string Input = "Input";
    public const string Output = "Output";
    public const string CustomStatus = "CustomStatus";
    public const string FailureDetails = "FailureDetails";
    public const string BlobSuffix = "BlobName";
    public const string HashSuffix = "Sha256";

    public static readonly string[] PayloadColumns = [Input, Output, CustomStatus, FailureDetails];

    /// <summary>Columns without payloads (for $select when payloads are not wanted).</summary>
    public static readonly string[] SummaryColumns =
        [InstanceId, Name, ExecutionId, RuntimeStatus, CreatedAt, LastUpdatedAt, CompletedAt, ScheduledStartAt, ParentInstanceId, FailureDetails, FailureDetails + BlobSuffix];

    private static readonly string[] AllColumns = SummaryColumns
        .Concat(PayloadColumns)
        .Concat(PayloadColumns.Select(c => c + BlobSuffix))
        .Concat(PayloadColumns.Select(c => c + HashSuffix))
        .Distinct()
        .ToArray();

    /// <summary>
    /// Writes <paramref name="metadata"/> into <paramref name="entity"/>. A large payload equal to the one in
    /// <paramref name="previous"/> keeps its blob; a new large one is uploaded.
    /// </summary>
    public static async Task FillAsync(
        TableEntity entity, OrchestrationMetadata metadata, TableEntity? previous, LargePayloadStore payloads, CancellationToken cancellationToken)
    {
        entity[InstanceId] = metadata.InstanceId;
        entity[Name] = metadata.Name;
        entity[ExecutionId] = metadata.ExecutionId;
        entity[RuntimeStatus] = metadata.RuntimeStatus.ToString();
        entity[CreatedAt] = metadata.CreatedAt;
        entity[LastUpdatedAt] = metadata.LastUpdatedAt;
        entity[CompletedAt] = metadata.CompletedAt;
        entity[ScheduledStartAt] = metadata.ScheduledStartAt;
        entity[ParentInstanceId] = metadata.ParentInstanceId;
        var failure = metadata.FailureDetails is null ? null : JsonSerializer.Serialize(metadata.FailureDetails, HistoryJson.Options);
        await SetPayloadAsync(entity, Input, metadata.SerializedInput, metadata.InstanceId, previous, payloads, cancellationToken);
        await SetPayloadAsync(entity, Output, metadata.SerializedOutput, metadata.InstanceId, previous, payloads, cancellationToken);
        await SetPayloadAsync(entity, CustomStatus, metadata.SerializedCustomStatus, metadata.InstanceId, previous, payloads, cancellationToken);
        await SetPayloadAsync(entity, FailureDetails, failure, metadata.InstanceId, previous, payloads, cancellationToken);
    }

    public static async Task<OrchestrationMetadata> ReadAsync(
        TableEntity entity, bool includePayloads, LargePayloadStore payloads, CancellationToken cancellationToken)
    {
        var failure = await GetPayloadAsync(entity, FailureDetails, payloads, cancellationToken);
        return new OrchestrationMetadata
        {
            InstanceId = entity.GetString(InstanceId) ?? TableKeys.Unescape(entity.PartitionKey),
            Name = entity.GetString(Name) ?? string.Empty,
            ExecutionId = entity.GetString(ExecutionId),
            RuntimeStatus = Enum.Parse<OrchestrationRuntimeStatus>(entity.GetString(RuntimeStatus) ?? nameof(OrchestrationRuntimeStatus.Pending)),
            CreatedAt = entity.GetDateTimeOffset(CreatedAt) ?? DateTimeOffset.MinValue,
            LastUpdatedAt = entity.GetDateTimeOffset(LastUpdatedAt) ?? DateTimeOffset.MinValue,
            CompletedAt = entity.GetDateTimeOffset(CompletedAt),
            ScheduledStartAt = entity.GetDateTimeOffset(ScheduledStartAt),
            ParentInstanceId = entity.GetString(ParentInstanceId),
            SerializedInput = includePayloads ? await GetPayloadAsync(entity, Input, payloads, cancellationToken) : null,
            SerializedOutput = includePayloads ? await GetPayloadAsync(entity, Output, payloads, cancellationToken) : null,
            SerializedCustomStatus = includePayloads ? await GetPayloadAsync(entity, CustomStatus, payloads, cancellationToken) : null,
            FailureDetails = failure is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure, HistoryJson.Options),
        };
    }

    /// <summary>A copy of the instance columns of <paramref name="source"/> under other keys.</summary>
    public static TableEntity Copy(TableEntity source, string partitionKey, string rowKey)
    {
        var copy = new TableEntity(partitionKey, rowKey);
        foreach (var column in AllColumns)
        {
            if (source.TryGetValue(column, out var value))
            {
                copy[column] = value;
            }
        }

        return copy;
    }

    /// <summary>Whether two entities describe the same instance state, ignoring the last-updated time.</summary>
    public static bool SameState(TableEntity a, TableEntity b)
    {
        foreach (var column in AllColumns)
        {
            if (column == LastUpdatedAt)
            {
                continue;
            }

            a.TryGetValue(column, out var x);
            b.TryGetValue(column, out var y);
            if (!Equals(x, y))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task SetPayloadAsync(
        TableEntity entity, string column, string? value, string instanceId, TableEntity? previous, LargePayloadStore payloads, CancellationToken cancellationToken)
    {
        var blobColumn = column + BlobSuffix;
        if (value is null || value.Length <= LargePayloadStore.MaxTablePropertyChars)
        {
            entity[column] = value;
            entity[blobColumn] = null;
            entity[column + HashSuffix] = null;
            return;
        }

        entity[column] = null;
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));
        entity[column + HashSuffix] = hash;
        entity[blobColumn] = previous?.GetString(blobColumn) is { } existing && previous.GetString(column + HashSuffix) == hash
            ? existing
            : await payloads.UploadAsync(instanceId, column.ToLowerInvariant(), value, cancellationToken);
    }

    private static async Task<string?> GetPayloadAsync(TableEntity entity, string column, LargePayloadStore payloads, CancellationToken cancellationToken)
    {
        if (entity.GetString(column + BlobSuffix) is { } blob)
        {
            return await payloads.DownloadAsync(blob, cancellationToken);
        }

        return entity.GetString(column);
    }
}
