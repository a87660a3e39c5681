namespace ServerlessOps.Durable.Orchestration;

/// <summary>What an activity knows about its invocation.</summary>
public abstract class TaskActivityContext
{
    /// <summary>The activity name it was called by.</summary>
    public abstract string Name { get; }

    /// <summary>The orchestration instance that called it.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Signalled when the worker shuts down past its grace period; the invocation is then abandoned
    /// and runs again elsewhere.</summary>
    public abstract CancellationToken CancellationToken { get; }
}
