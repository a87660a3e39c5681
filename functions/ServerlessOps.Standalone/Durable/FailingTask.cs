using Microsoft.DurableTask;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// Stands in for an orchestrator or activity that cannot run here (not registered, or its construction threw, typically
/// a dependency missing from DI): the execution fails once with <paramref name="failure"/>, instead of the engine
/// retrying the message forever and pausing its dispatcher after each attempt.
/// </summary>
internal sealed class FailingTask(InvalidOperationException failure) : ITaskActivity, ITaskOrchestrator
{
    public Type InputType => typeof(object);

    public Type OutputType => typeof(object);

    public Task<object?> RunAsync(TaskActivityContext context, object? input) => throw failure;

    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) => throw failure;

    public static FailingTask CouldNotCreate(TaskName name, string kind, Exception cause) =>
        new(new InvalidOperationException($"The {kind} '{name.Name}' could not be created: {cause.GetType().Name}: {cause.Message}", cause));

    /// <summary>The Durable Functions extension's wording for a function it does not know.</summary>
    public static FailingTask NotRegistered(string name, string kind, IEnumerable<string> known) =>
        new(new InvalidOperationException(NotRegisteredMessage(name, kind, known)));

    public static string NotRegisteredMessage(string name, string kind, IEnumerable<string> known)
    {
        var names = known.ToList();
        return $"The function '{name}' doesn't exist, is disabled, or is not an {kind} function. Additional info: " + (names.Count > 0
            ? $"The following are the known {kind} functions: '{string.Join("', '", names)}'."
            : $"No {kind} functions are currently registered!");
    }
}
