namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>Where an order flow stands (Workflows/OrderFlow/README.md has the states and their events).</summary>
public enum FlowStage
{
    /// <summary>Started; not validated or reserved yet.</summary>
    New,

    /// <summary>Validated and reserved: following the order's changes in the truth.</summary>
    Active,

    /// <summary>A price below the floor under the brand's hold policy: stock stays reserved, no SLA, until the retry route releases it.</summary>
    Held,

    /// <summary>On the exception path: what it held was released; waiting for the retry route (or a full cancellation).</summary>
    Exception,
}
