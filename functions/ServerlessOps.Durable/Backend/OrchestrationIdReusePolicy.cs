using ServerlessOps.Durable.Client;

namespace ServerlessOps.Durable.Backend;

/// <summary>
/// What creating an instance does when the id is already taken: an existing instance whose status is in
/// <see cref="ReplaceableStatuses"/> is replaced by a new execution (its history is discarded); any other
/// existing instance makes the create throw <see cref="OrchestrationAlreadyExistsException"/>.
/// </summary>
/// <param name="ReplaceableStatuses">Statuses an existing instance may be in to be replaced.</param>
public sealed record OrchestrationIdReusePolicy(IReadOnlyCollection<OrchestrationRuntimeStatus> ReplaceableStatuses)
{
    /// <summary>Durable Functions' behaviour: a finished instance (Completed, Failed, Canceled, Terminated)
    /// may be replaced; a Pending, Running or Suspended one may not.</summary>
    public static OrchestrationIdReusePolicy Default { get; } = new(OrchestrationRuntimeStatusExtensions.TerminalStatuses);

    /// <summary>No existing instance may be replaced.</summary>
    public static OrchestrationIdReusePolicy Never { get; } = new([]);

    /// <summary>Whether an existing instance in <paramref name="status"/> may be replaced.</summary>
    /// <param name="status">The existing instance's status.</param>
    /// <returns>True when it may be replaced.</returns>
    public bool CanReplace(OrchestrationRuntimeStatus status) => ReplaceableStatuses.Contains(status);
}
