using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Telemetry;

/// <summary>Bounds of the operator-signal sampling (section <c>OperatorSignals</c>).</summary>
public sealed class OperatorSignalsOptions
{
    public const string SectionName = "OperatorSignals";

    /// <summary>
    /// How far back the failed-orchestration count looks (by creation time). Default 24 h, so a failure stays visible
    /// for a day after it happened even if nobody purges or retries it; 1 h to 14 days.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "14.00:00:00")]
    public TimeSpan FailedOrchestrationsWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Most failed orchestrations one sample counts (the query stops there and the gauge reports this number), so a
    /// flood of failures costs one bounded query, not a scan of the history. Default 500; 10 to 10,000.
    /// </summary>
    [Range(10, 10_000)]
    public int MaxOrchestrationsCounted { get; set; } = 500;
}
