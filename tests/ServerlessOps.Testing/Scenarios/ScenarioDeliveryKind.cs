namespace ServerlessOps.Testing.Scenarios;

/// <summary>Why a delivery is where it is in the stream.</summary>
public enum ScenarioDeliveryKind
{
    /// <summary>First delivery of an event, in event-time order.</summary>
    Original,

    /// <summary>A re-send of an earlier delivery: same delivery id, same bytes (the channel's at-least-once retry).</summary>
    Duplicate,

    /// <summary>An order's last event delivered before its first one (an update or cancel ahead of its create).</summary>
    OutOfOrder,
}
