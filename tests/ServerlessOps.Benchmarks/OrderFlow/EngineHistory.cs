using Azure.Data.Tables;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// What the engine did for a sample of flows (<see cref="FlowSample"/>), from the task hub's History table (the Azure
/// Storage engine's record of every event, partitioned by instance id): activities scheduled per flow and by name, and
/// history rows per flow, over the flows that had settled (<see cref="FlowSettlement"/>: every activity of their first
/// wake answered), each channel weighted by its share of the sample, so that a channel whose flows settled later does
/// not drop out of the mean; and the times of every sampled flow's events (<see cref="FlowStages"/>). Read after the
/// load, so reading costs the measured run nothing.
/// </summary>
internal static class EngineHistory
{
    private static readonly string[] Columns = [.. FlowSettlement.Columns, "Name"];

    public static async Task<EngineHistoryFigures> ReadAsync(string connectionString, string taskHub, IReadOnlyList<SampledFlow> sample, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, taskHub + "History");
        var timelines = new List<FlowTimeline>();
        var settled = new List<(SampledFlow Flow, List<TableEntity> Events)>();
        var unsettled = new List<string>();
        var found = 0;
        foreach (var flow in sample)
        {
            var events = await FlowSettlement.ReadAsync(table, flow.InstanceId, Columns, cancellationToken);
            found += events.Count > 0 ? 1 : 0;
            if (Timeline(events, flow.AckedAt) is { } timeline)
            {
                timelines.Add(timeline);
            }

            // A flow still running its later steps would count fewer activities than it will run.
            if (FlowSettlement.WaitingOn(events) is { } waiting)
            {
                unsettled.Add($"{flow.Channel.Slug()}: {waiting}");
            }
            else
            {
                settled.Add((flow, events));
            }
        }

        // Each settled flow stands for its channel's share of the sample, split among that channel's settled flows.
        var sampled = sample.CountBy(f => f.Channel).ToDictionary();
        var settledByChannel = settled.CountBy(s => s.Flow.Channel).ToDictionary();
        var complete = settled.Count > 0 && sampled.Keys.All(settledByChannel.ContainsKey);
        double Weight(SampledFlow flow) => (double)sampled[flow.Channel] / sample.Count / settledByChannel[flow.Channel];
        double PerFlow(Func<List<TableEntity>, int> count) => complete ? settled.Sum(s => Weight(s.Flow) * count(s.Events)) : double.NaN;

        var names = settled.SelectMany(s => s.Events).Where(IsScheduled).Select(Name).Distinct(StringComparer.Ordinal);
        return new EngineHistoryFigures(
            found,
            settled.Count,
            PerFlow(events => events.Count(IsScheduled)),
            PerFlow(events => events.Count),
            [.. names.Select(n => (n, PerFlow(events => events.Count(e => IsScheduled(e) && Name(e) == n)))).OrderByDescending(n => n.Item2)],
            FlowStages.Of(timelines),
            [.. unsettled.CountBy(u => u).OrderByDescending(u => u.Value).Select(u => (u.Key, u.Value))]);
    }

    private static bool IsScheduled(TableEntity e) => e.GetString("EventType") == "TaskScheduled";

    private static string Name(TableEntity e) => e.GetString("Name") ?? "?";

    /// <summary>The first execution's times; null when the flow's start is not in its history (continued as new, purged).</summary>
    private static FlowTimeline? Timeline(List<TableEntity> events, DateTimeOffset ackedAt)
    {
        DateTimeOffset? At(TableEntity e) => e.GetDateTimeOffset(FlowSettlement.EventTime);
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
/// <param name="Settled">Of those, flows settled when read (every activity they scheduled answered): the ones counted below.</param>
/// <param name="ActivitiesPerFlow">TaskScheduled events (attempts included) per settled flow, channels weighted by their share
/// of the sample: what the engine bound divides by. NaN when a sampled channel has no settled flow.</param>
/// <param name="RowsPerFlow">History rows per settled flow, weighted the same (each is written, and read back on a replay
/// without extended sessions).</param>
/// <param name="ByName">Activities per settled flow by name, weighted the same.</param>
/// <param name="Stages">Where every sampled flow's time went, queue by queue.</param>
/// <param name="Unsettled">What the sampled flows not settled when read wait for, by channel, with how many (a channel
/// among them leaves the activity count, and with it the engine bound, unknown).</param>
internal sealed record EngineHistoryFigures(
    int Flows, int Settled, double ActivitiesPerFlow, double RowsPerFlow, IReadOnlyList<(string Name, double PerFlow)> ByName, FlowStages Stages,
    IReadOnlyList<(string Waiting, int Flows)> Unsettled);
