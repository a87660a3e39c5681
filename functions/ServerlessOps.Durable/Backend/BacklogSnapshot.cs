namespace ServerlessOps.Durable.Backend;

/// <summary>Approximate queue lengths at one moment (queues report approximate counts).</summary>
/// <param name="OrchestrationMessages">Messages waiting in the control queues (including not-yet-due timers, if the backend counts them).</param>
/// <param name="ActivityMessages">Messages waiting in the work-item queue.</param>
public sealed record BacklogSnapshot(long OrchestrationMessages, long ActivityMessages);
