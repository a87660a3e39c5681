namespace ServerlessOps.Domain.Alerts;

/// <summary>How urgent an alert is; ordered, so a rise is a material change (<see cref="AlertRaising"/>).</summary>
public enum AlertSeverity
{
    /// <summary>Worth knowing; nothing is lost yet.</summary>
    Info,

    /// <summary>Needs someone today: money or customers are at risk.</summary>
    Warning,

    /// <summary>Needs someone now: the brand is losing money, orders or a channel connection.</summary>
    Critical,
}
