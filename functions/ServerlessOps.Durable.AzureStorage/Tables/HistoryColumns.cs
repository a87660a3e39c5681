namespace ServerlessOps.Durable.AzureStorage.Tables;

/// <summary>Columns of a history row (PartitionKey = instance id, RowKey = <c>{executionId}:{sequence:X8}</c>).</summary>
internal static class HistoryColumns
{
    /// <summary>The execution the row belongs to.</summary>
    public const string ExecutionId = "ExecutionId";

    /// <summary>The event's type discriminator (e.g. TaskScheduled), for people reading the table.</summary>
    public const string EventType = "EventType";

    /// <summary>The event's action sequence number, -1 when it has none.</summary>
    public const string EventId = "EventId";

    /// <summary>The event as JSON (HistoryJson), unless offloaded.</summary>
    public const string Data = "Data";

    /// <summary>The blob holding the event JSON when it exceeds the table property limit.</summary>
    public const string DataBlobName = "DataBlobName";

    /// <summary>Prefix of the columns on a commit's first row that list the ids of the messages the commit
    /// consumed, newline-separated, <see cref="ConsumedChunkChars"/> characters per column: the record that
    /// makes a redelivered message a detectable duplicate.</summary>
    public const string ConsumedPrefix = "Consumed";

    /// <summary>On the sentinel: how many rows of the current execution are committed. Rows at or past it are
    /// leftovers of a commit that lost its race and are ignored (and cleared by the next commit).</summary>
    public const string Watermark = "Watermark";

    public const int ConsumedChunkChars = 30 * 1024;
}
