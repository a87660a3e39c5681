using Azure.Data.Tables;
using ServerlessOps.Workflows;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// Whether a flow has settled after its first wake, from its rows in the task hub's History table: every activity it
/// scheduled has its answer (a TaskScheduled without its TaskCompleted or TaskFailed is queued or running) and no retry
/// delay is running (a TimerCreated without its TimerFired, due within <see cref="ActivityRetry.LongestDelay"/>, in a flow
/// where an activity failed; the ship-by timer it then waits on can be minutes away: a Walmart order placed late in the
/// UTC day ships by the next midnight). The
/// push comes from the ledger change, before the flow's later steps (Walmart's acknowledgement, pricing alerts, the SLA
/// check), so a flow counted at its push has not yet scheduled all it will: its activities per order read low.
/// </summary>
internal static class FlowSettlement
{
    /// <summary>The History columns the check needs; the engine stores each event's properties as columns.</summary>
    public static readonly string[] Columns = ["EventType", "EventId", "TaskScheduledId", "TimerId", "FireAt", EventTime];

    /// <summary>The engine's column for an event's own time (the table's <c>Timestamp</c> is the row's write time).</summary>
    public const string EventTime = "_Timestamp";

    public static bool IsSettled(IReadOnlyList<TableEntity> events)
    {
        if (!events.Any(e => Type(e) == "ExecutionStarted"))
        {
            return false;
        }

        var answered = Answered(events);
        var fired = events.Where(e => Type(e) == "TimerFired").Select(e => e.GetInt32("TimerId")).ToHashSet();
        return events.Where(e => Type(e) == "TaskScheduled").All(e => answered.Contains(e.GetInt32("EventId")))
            && !(events.Any(e => Type(e) == "TaskFailed")
                && events.Where(e => Type(e) == "TimerCreated" && !fired.Contains(e.GetInt32("EventId"))).Any(IsRetryDelay));
    }

    /// <summary>
    /// What an unsettled flow waits for, in words ("not started", "LoadOrderActivity queued or running", "retry delay after
    /// AcknowledgeOrderActivity failed"); null when it has settled. Needs the <c>Name</c> column besides <see cref="Columns"/>.
    /// </summary>
    public static string? WaitingOn(IReadOnlyList<TableEntity> events)
    {
        if (IsSettled(events))
        {
            return null;
        }

        if (!events.Any(e => Type(e) == "ExecutionStarted"))
        {
            return "not started";
        }

        var names = events.Where(e => Type(e) == "TaskScheduled" && e.GetInt32("EventId") is not null)
            .ToDictionary(e => e.GetInt32("EventId")!.Value, e => e.GetString("Name") ?? "?");
        var answered = Answered(events);
        var open = names.Where(n => !answered.Contains(n.Key)).Select(n => n.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (open.Count > 0)
        {
            return string.Join(" + ", open) + " queued or running";
        }

        var lastFailed = events.LastOrDefault(e => Type(e) == "TaskFailed")?.GetInt32("TaskScheduledId");
        return lastFailed is { } id && names.TryGetValue(id, out var failed) ? $"retry delay after {failed} failed" : "retry delay";
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

    /// <summary>The EventIds of the scheduled activities that have their answer (TaskCompleted or TaskFailed).</summary>
    private static HashSet<int?> Answered(IReadOnlyList<TableEntity> events) =>
        events.Where(e => Type(e) is "TaskCompleted" or "TaskFailed").Select(e => e.GetInt32("TaskScheduledId")).ToHashSet();

    private static bool IsRetryDelay(TableEntity timer) =>
        timer.GetDateTimeOffset("FireAt") is { } due && timer.GetDateTimeOffset(EventTime) is { } created && due - created <= ActivityRetry.LongestDelay;
}
