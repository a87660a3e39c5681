using Azure.Data.Tables;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// What the engine did for a sample of flows, from the task hub's History table (the Azure Storage engine's record of
/// every event, partitioned by instance id): activities scheduled per flow and by name, history rows per flow, and the
/// times of its events (<see cref="FlowStages"/>). Read after the load on a sample, so reading costs the measured run nothing.
/// </summary>
internal static class EngineHistory
{
    /// <summary>The engine's column for an event's own time (the table's <c>Timestamp</c> is the row's write time).</summary>
    private const string EventTime = "_Timestamp";

    public static async Task<EngineHistoryFigures> ReadAsync(
        string connectionString, string taskHub, IReadOnlyDictionary<string, DateTimeOffset> ackedAtByInstance, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, taskHub + "History");
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var timelines = new List<FlowTimeline>();
        var activities = 0;
        var rows = 0;
        var found = 0;
        foreach (var (id, ackedAt) in ackedAtByInstance)
        {
            var events = new List<TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"),
                select: ["EventType", "Name", "EventId", "TaskScheduledId", EventTime], cancellationToken: cancellationToken))
            {
                events.Add(row);
            }

            var scheduled = events.Where(e => e.GetString("EventType") == "TaskScheduled").ToList();
            foreach (var name in scheduled.Select(e => e.GetString("Name") ?? "?"))
            {
                byName[name] = byName.GetValueOrDefault(name) + 1;
            }

            activities += scheduled.Count;
            rows += events.Count;
            found += events.Count > 0 ? 1 : 0;
            if (Timeline(events, ackedAt) is { } timeline)
            {
                timelines.Add(timeline);
            }
        }

        return new EngineHistoryFigures(found, found == 0 ? double.NaN : (double)activities / found, found == 0 ? double.NaN : (double)rows / found,
            byName.OrderByDescending(n => n.Value).Select(n => (n.Key, found == 0 ? 0 : (double)n.Value / found)).ToArray(),
            FlowStages.Of(timelines));
    }

    /// <summary>The first execution's times; null when the flow's start is not in its history (continued as new, purged).</summary>
    private static FlowTimeline? Timeline(List<TableEntity> events, DateTimeOffset ackedAt)
    {
        DateTimeOffset? At(TableEntity e) => e.GetDateTimeOffset(EventTime);
        var started = events.FirstOrDefault(e => e.GetString("EventType") == "ExecutionStarted");
        if (started is null || At(started) is not { } scheduledAt)
        {
            return null;
        }

        var episodes = events.Where(e => e.GetString("EventType") == "OrchestratorStarted").Select(At).OfType<DateTimeOffset>().Order().ToList();
        var scheduledById = events.Where(e => e.GetString("EventType") == "TaskScheduled" && e.GetInt32("EventId") is not null)
            .ToDictionary(e => e.GetInt32("EventId")!.Value, At);
        var activities = events.Where(e => e.GetString("EventType") == "TaskCompleted")
            .Select(e => (Scheduled: e.GetInt32("TaskScheduledId") is { } id ? scheduledById.GetValueOrDefault(id) : null, Completed: At(e)))
            .Where(a => a.Scheduled is not null && a.Completed is not null)
            .Select(a => (a.Scheduled!.Value, a.Completed!.Value))
            .ToList();
        return new FlowTimeline(ackedAt, scheduledAt, episodes, activities);
    }
}

/// <param name="Flows">Sampled flows found in the history.</param>
/// <param name="ActivitiesPerFlow">TaskScheduled events per flow.</param>
/// <param name="RowsPerFlow">History rows per flow (each is written, and read back on a replay without extended sessions).</param>
/// <param name="ByName">Activities per flow by name.</param>
/// <param name="Stages">Where the sampled flows' time went, queue by queue.</param>
internal sealed record EngineHistoryFigures(int Flows, double ActivitiesPerFlow, double RowsPerFlow, IReadOnlyList<(string Name, double PerFlow)> ByName, FlowStages Stages);
