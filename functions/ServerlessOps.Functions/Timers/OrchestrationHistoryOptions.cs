using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Functions.Timers;

/// <summary>How long finished orchestrations keep their engine history (<see cref="PurgeOrchestrationHistory"/>).</summary>
public sealed class OrchestrationHistoryOptions
{
    public const string SectionName = "OrchestrationHistory";

    /// <summary>
    /// Age (from creation) past which a finished instance's history is purged. Default 30 days, long enough to
    /// investigate last month's flows during the monthly review; 1 to 365 days.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}
