namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// Where a sampled flow's time went between the webhook's acknowledgement and its last activity's completion, from the
/// event times the engine records in its History table: which queue an order waited in is the next thing to cut.
/// </summary>
/// <param name="Ingestion">Acknowledgement → the flow scheduled (the edge's queue, processing and channel re-reads), ms.</param>
/// <param name="StartWait">Scheduled → its first episode running (the control queue), ms.</param>
/// <param name="Activity">An activity scheduled → completed (the work-item queue and the activity itself), ms, every activity.</param>
/// <param name="ResultWait">An activity completed → the episode that saw its result (the control queue again), ms, every activity.</param>
internal sealed record FlowStages(Percentiles Ingestion, Percentiles StartWait, Percentiles Activity, Percentiles ResultWait)
{
    public static FlowStages Of(IReadOnlyList<FlowTimeline> flows) => new(
        Percentiles.Of(flows.Where(f => f.AckedAt is not null).Select(f => (f.ScheduledAt - f.AckedAt!.Value).TotalMilliseconds)),
        Percentiles.Of(flows.Where(f => f.Episodes.Count > 0).Select(f => (f.Episodes[0] - f.ScheduledAt).TotalMilliseconds)),
        Percentiles.Of(flows.SelectMany(f => f.Activities).Select(a => (a.CompletedAt - a.ScheduledAt).TotalMilliseconds)),
        Percentiles.Of(flows.SelectMany(f => f.Activities.Select(a => f.Episodes.FirstOrDefault(e => e >= a.CompletedAt) is var next && next != default
            ? (next - a.CompletedAt).TotalMilliseconds
            : double.NaN)).Where(ms => !double.IsNaN(ms))));
}

/// <summary>One flow's recorded times: its scheduling, each episode's start, each activity's schedule and completion.</summary>
internal sealed record FlowTimeline(DateTimeOffset? AckedAt, DateTimeOffset ScheduledAt, IReadOnlyList<DateTimeOffset> Episodes, IReadOnlyList<(DateTimeOffset ScheduledAt, DateTimeOffset CompletedAt)> Activities);
