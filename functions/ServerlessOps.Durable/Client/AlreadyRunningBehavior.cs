namespace ServerlessOps.Durable.Client;

/// <summary>What starting an instance id that is already Pending, Running or Suspended does.</summary>
public enum AlreadyRunningBehavior
{
    /// <summary>Throw <see cref="Backend.OrchestrationAlreadyExistsException"/>.</summary>
    Throw,

    /// <summary>Return the existing instance's id and change nothing (idempotent start).</summary>
    ReturnExisting,
}
