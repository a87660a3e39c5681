namespace ServerlessOps.Durable.Client;

/// <summary>
/// Which instances a bulk purge removes: those created in [<see cref="CreatedFrom"/>, <see cref="CreatedTo"/>)
/// whose status is in <see cref="Statuses"/> (default: the terminal statuses, so running work is never purged
/// by accident).
/// </summary>
/// <param name="CreatedFrom">Created at or after (inclusive), UTC; null for no lower bound.</param>
/// <param name="CreatedTo">Created before (exclusive), UTC; null for no upper bound.</param>
/// <param name="Statuses">Statuses to purge; null means Completed, Failed, Canceled and Terminated.</param>
public sealed record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null)
{
    /// <summary>The statuses the filter purges after applying the default.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus> EffectiveStatuses =>
        Statuses is { Count: > 0 } ? Statuses : OrchestrationRuntimeStatusExtensions.TerminalStatuses;
}
