namespace ServerlessOps.Infrastructure.Storage;

/// <summary>Why a delivery is on the queue.</summary>
public enum DeliveryMessageKind
{
    /// <summary>First arrival.</summary>
    New,

    /// <summary>The channel sent it again; counted, and processed only if the first copy never finished.</summary>
    Duplicate,

    /// <summary>Replayed from quarantine after a fix.</summary>
    Replay,

    /// <summary>Re-queued by the recovery sweep: stored and acknowledged, but never processed.</summary>
    Recovery,
}
