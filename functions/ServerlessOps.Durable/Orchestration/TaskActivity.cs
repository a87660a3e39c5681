namespace ServerlessOps.Durable.Orchestration;

/// <summary>
/// Base class of an activity: a plain unit of work that may do I/O. Activities run at least once (a worker
/// crash before the result is stored runs it again), so make them idempotent. Created per invocation from a
/// fresh DI scope, so constructor injection of scoped services works.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <inheritdoc/>
    public Type OutputType => typeof(TOutput);

    /// <summary>The activity logic. An exception fails the task: the orchestrator sees a
    /// <see cref="TaskFailedException"/> carrying its type, message and stack trace.</summary>
    /// <param name="context">Which instance called it, and a cancellation token for shutdown.</param>
    /// <param name="input">The input the orchestrator passed.</param>
    /// <returns>The result returned to the orchestrator.</returns>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    /// <inheritdoc/>
    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);
}
