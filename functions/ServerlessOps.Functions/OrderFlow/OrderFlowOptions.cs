using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Functions.OrderFlow;

/// <summary>Settings of the order flows (section <c>OrderFlow</c>).</summary>
public sealed class OrderFlowOptions
{
    public const string SectionName = "OrderFlow";

    /// <summary>How long after a missed ship-by the miss escalates to a critical alert. Default 24 h; 1 min to 14 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "14.00:00:00")]
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Wakes a flow handles before it continues as new, keeping its history short. Default 20; 1 to 1000.</summary>
    [Range(1, 1000)]
    public int WakesPerExecution { get; set; } = 20;

    /// <summary>A flow running with no update for this long is stuck, and the stuck-flow timer raises it. Default 2 days; 1 min to 90 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// Admission of new order flows (<see cref="OrderFlowAdmission"/>): a new flow is scheduled only while the Durable
    /// engine's backlog (<see cref="EngineBacklogGauge"/>: activities in the work-item queue plus orchestration messages due
    /// in the control queues) is under this many messages; past it the start waits in the delivery that brought the order
    /// (the order is already in the truth, its queue message stays invisible, the queue holds the rest), so overload keeps
    /// the engine's queues short instead of burying it (measured 2026-12-05: 50-100 orders/s offered completed 3.7-6.7
    /// flows/s without it, 7.7-9.6 with it, against ~14 at the knee). Wakes of running flows are never held. 0 turns admission off. Per instance:
    /// each instance grants up to this many minus the backlog per sample, so N instances may overshoot by N times that.
    /// Default 50; 0 to 10,000.
    /// </summary>
    [Range(0, 10_000)]
    public int AdmissionMaxBacklog { get; set; } = 50;

    /// <summary>
    /// How often admission reads the backlog while flows are being started (1 + partitions queue requests per read; no reads
    /// while no flow has been started for 10 s). Default 1 s; 100 ms to 1 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan AdmissionSampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest a new flow waits for admission; then it is started anyway, so a backlog that never falls (a gauge that
    /// misreads) delays flows but never strands one. Waiting starts hold their deliveries, so few are waiting at once and
    /// these late starts are rare. Keep it well under host.json's <c>functionTimeout</c> (10 min), which bounds the whole
    /// delivery. Default 5 min; 1 s to 30 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan AdmissionMaxWait { get; set; } = TimeSpan.FromMinutes(5);
}
