using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.Client;

/// <summary>
/// The stored state of one orchestration instance (the instances-table row): what the status API returns
/// and what a backend writes on every committed step. Payloads are the serialised strings; they are
/// <see langword="null"/> when the query did not ask for inputs and outputs.
/// </summary>
public sealed record OrchestrationMetadata
{
    /// <summary>The instance id (unique in the task hub).</summary>
    public required string InstanceId { get; init; }

    /// <summary>The orchestrator name the instance runs.</summary>
    public required string Name { get; init; }

    /// <summary>The current execution id; changes on every continue-as-new and on id reuse.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The runtime status.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance (this execution chain) was created, UTC.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the instance row was last written, UTC.</summary>
    public required DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>When the instance reached a terminal status, or <see langword="null"/>.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The requested start time for a delayed start, or <see langword="null"/>.</summary>
    public DateTimeOffset? ScheduledStartAt { get; init; }

    /// <summary>The parent's instance id when this is a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The serialised input of the current execution.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The serialised output (Completed), or the termination reason (Terminated).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The serialised custom status the orchestrator last set.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Why the instance failed (Failed only).</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>True while Pending, Running or Suspended (ContinuedAsNew counts as running: a new execution follows).</summary>
    public bool IsRunning => !RuntimeStatus.IsTerminal();

    /// <summary>True once Completed, Failed, Canceled or Terminated.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>Deserialises the input with <paramref name="converter"/> (default: <see cref="JsonDataConverter.Default"/>).</summary>
    /// <typeparam name="T">The input type.</typeparam>
    /// <param name="converter">The task hub's converter.</param>
    /// <returns>The input, or default when absent.</returns>
    public T? ReadInputAs<T>(DataConverter? converter = null) =>
        (converter ?? JsonDataConverter.Default).Deserialize<T>(SerializedInput);

    /// <summary>Deserialises the output with <paramref name="converter"/> (default: <see cref="JsonDataConverter.Default"/>).</summary>
    /// <typeparam name="T">The output type.</typeparam>
    /// <param name="converter">The task hub's converter.</param>
    /// <returns>The output, or default when absent.</returns>
    public T? ReadOutputAs<T>(DataConverter? converter = null) =>
        (converter ?? JsonDataConverter.Default).Deserialize<T>(SerializedOutput);

    /// <summary>Deserialises the custom status with <paramref name="converter"/> (default: <see cref="JsonDataConverter.Default"/>).</summary>
    /// <typeparam name="T">The custom status type.</typeparam>
    /// <param name="converter">The task hub's converter.</param>
    /// <returns>The custom status, or default when absent.</returns>
    public T? ReadCustomStatusAs<T>(DataConverter? converter = null) =>
        (converter ?? JsonDataConverter.Default).Deserialize<T>(SerializedCustomStatus);
}
