using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// Stands in for an orchestrator or activity whose construction threw (typically a dependency missing from DI): it
/// fails the execution with a message naming the task and the cause, instead of the engine retrying the message forever.
/// </summary>
internal sealed class UncreatableTask(TaskName name, string kind, Exception cause) : ITaskActivity, ITaskOrchestrator
{
    public Type InputType => typeof(object);

    public Type OutputType => typeof(object);

    public Task<object?> RunAsync(TaskActivityContext context, object? input) => throw Failure();

    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) => throw Failure();

    private InvalidOperationException Failure() =>
        new($"The {kind} '{name.Name}' could not be created: {cause.GetType().Name}: {cause.Message}", cause);
}
