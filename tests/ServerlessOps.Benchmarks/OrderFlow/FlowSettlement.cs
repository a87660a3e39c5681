using Azure.Data.Tables;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// Whether a flow has settled after its first wake, from its rows in the task hub's History table: every activity it
/// scheduled has its answer (a TaskScheduled without its TaskCompleted or TaskFailed is queued or running) and no retry
/// delay is running (a short TimerCreated without its TimerFired; the ship-by timer it then waits on is days away). The
/// push comes from the ledger change, before the flow's later steps (Walmart's acknowledgement, pricing alerts, the SLA
/// check), so a flow counted at its push has not yet scheduled all it will: its activities per order read low.
/// </summary>
internal static class FlowSettlement
{
    /// <summary>The History columns the check needs; the engine stores each event's properties as columns.</summary>
    public static readonly string[] Columns = ["EventType", "EventId", "TaskScheduledId", "TimerId", "FireAt", EventTime];

    /// <summary>The engine's column for an event's own time (the table's <c>Timestamp</c> is the row's write time).</summary>
    public const string EventTime = "_Timestamp";

    /// <summary>A timer due sooner than this after it was created is a retry's delay (at most 90 s), not the SLA's wait.</summary>
    private static readonly TimeSpan ShortTimer = TimeSpan.FromHours(1);

    public static bool IsSettled(IReadOnlyList<TableEntity> events)
    {
        if (!events.Any(e => Type(e) == "ExecutionStarted"))
        {
            return false;
        }

        var answered = events.Where(e => Type(e) is "TaskCompleted" or "TaskFailed").Select(e => e.GetInt32("TaskScheduledId")).ToHashSet();
        var fired = events.Where(e => Type(e) == "TimerFired").Select(e => e.GetInt32("TimerId")).ToHashSet();
        return events.Where(e => Type(e) == "TaskScheduled").All(e => answered.Contains(e.GetInt32("EventId")))
            && !events.Where(e => Type(e) == "TimerCreated" && !fired.Contains(e.GetInt32("EventId"))).Any(IsShort);
    }

    /// <summary>Of <paramref name="instanceIds"/>, those not settled yet (one History query each).</summary>
    public static async Task<List<string>> UnsettledAsync(TableClient history, IEnumerable<string> instanceIds, CancellationToken cancellationToken)
    {
        var unsettled = new List<string>();
        foreach (var id in instanceIds)
        {
            if (!IsSettled(await ReadAsync(history, id, Columns, cancellationToken)))
            {
                unsettled.Add(id);
            }
        }

        return unsettled;
    }

    /// <summary>One instance's History rows (every execution), with the given columns.</summary>
    public static async Task<List<TableEntity>> ReadAsync(TableClient history, string instanceId, IEnumerable<string> columns, CancellationToken cancellationToken)
    {
        var events = new List<TableEntity>();
        await foreach (var row in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), select: columns, cancellationToken: cancellationToken))
        {
            events.Add(row);
        }

        return events;
    }

    private static string? Type(TableEntity e) => e.GetString("EventType");

    private static bool IsShort(TableEntity timer) =>
        timer.GetDateTimeOffset("FireAt") is { } due && timer.GetDateTimeOffset(EventTime) is { } created && due - created < ShortTimer;
}
