namespace ServerlessOps.Durable.Client;

/// <summary>
/// A filter over the instances table. Every criterion that is set must match (AND); unset criteria match
/// everything. Results are paged: pass the <see cref="OrchestrationQueryResult.ContinuationToken"/> of one
/// page as <see cref="ContinuationToken"/> to get the next.
/// </summary>
public sealed record OrchestrationQuery
{
    /// <summary>Default <see cref="PageSize"/>: 100, as in durabletask-dotnet.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Only instances created at or after this time (inclusive), UTC.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time (exclusive), UTC.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only instances in one of these statuses; null or empty matches all.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only instances whose orchestrator name equals this (ordinal, case-insensitive).</summary>
    public string? Name { get; init; }

    /// <summary>Only instances whose id starts with this (ordinal).</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Maximum instances per page. Default 100; 1-1000. A page may hold fewer even when more follow.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Opaque token from the previous page, or null for the first page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether to return inputs, outputs and custom status (they can be large).</summary>
    public bool FetchInputsAndOutputs { get; init; }
}
