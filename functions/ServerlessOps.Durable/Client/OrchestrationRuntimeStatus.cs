namespace ServerlessOps.Durable.Client;

/// <summary>
/// The runtime status of an orchestration instance. Names and numeric values match Durable Functions'
/// <c>OrchestrationRuntimeStatus</c>, so stored rows and HTTP payloads read the same.
/// </summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>The orchestrator has started and has not finished: it may be waiting on activities, timers or events.</summary>
    Running = 0,

    /// <summary>The orchestrator returned; the output is available. Terminal.</summary>
    Completed = 1,

    /// <summary>The execution ended by continuing as new; a new execution of the same instance follows at once.</summary>
    ContinuedAsNew = 2,

    /// <summary>The orchestrator threw (or non-determinism was detected); failure details are available. Terminal.</summary>
    Failed = 3,

    /// <summary>Reserved for compatibility with Durable Functions; this runtime does not produce it. Terminal.</summary>
    Canceled = 4,

    /// <summary>A client terminated the instance; the output is the termination reason. Terminal.</summary>
    Terminated = 5,

    /// <summary>Scheduled (possibly for a later start time) but not yet picked up by a worker.</summary>
    Pending = 6,

    /// <summary>A client suspended the instance: events are kept but not processed until it is resumed.</summary>
    Suspended = 7,
}
