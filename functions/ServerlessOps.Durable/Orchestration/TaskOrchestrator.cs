namespace ServerlessOps.Durable.Orchestration;

/// <summary>
/// Base class of an orchestrator: ordinary async code that the runtime replays from history on every step.
/// It must be deterministic: take time, GUIDs and logging from the context, do I/O only in activities,
/// await only tasks the context returns (no <c>Task.Delay</c>, <c>Task.Run</c> or <c>ConfigureAwait(false)</c>).
/// A new instance is created per step.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <inheritdoc/>
    public Type OutputType => typeof(TOutput);

    /// <summary>The orchestration logic.</summary>
    /// <param name="context">The replay context.</param>
    /// <param name="input">The input the instance was started (or continued as new) with.</param>
    /// <returns>The output, stored as the instance's output.</returns>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    /// <inheritdoc/>
    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);
}
