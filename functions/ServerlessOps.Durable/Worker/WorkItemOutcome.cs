namespace ServerlessOps.Durable.Worker;

/// <summary>What processing one work item did.</summary>
public enum WorkItemOutcome
{
    /// <summary>Committed (orchestration step) or result reported (activity).</summary>
    Completed,

    /// <summary>Handed back to the backend for redelivery (ETag conflict, error, or shutdown).</summary>
    Abandoned,

    /// <summary>The delivered message needed no work (duplicate or obsolete); the backend disposed of it.</summary>
    Ignored,
}
