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
}
